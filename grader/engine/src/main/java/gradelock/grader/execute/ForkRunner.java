package gradelock.grader.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.Verdict;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs an exercise's tests against a compiled submission in forked JVMs. Results stream in as each test
 * ends, so a JVM that dies loses nothing already run. A JVM that may hold stuck threads (after a deadlock,
 * stall or timeout), that dies, or that falls silent is killed with its whole process tree, and the tests
 * it did not reach run in a fresh one, until all have run or the exercise's wall-clock budget is spent.
 */
public final class ForkRunner {

    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    /** Past a test's own limit, how long the grader waits for the fork's watchdog before giving up on the fork. */
    private static final Duration SILENCE_GRACE = Duration.ofSeconds(5);
    /** How long the results of a fork that has ended may take to arrive, before it counts as having died without them. */
    private static final Duration STREAM_END_GRACE = Duration.ofSeconds(2);
    /** The most of a test JVM's output kept in its log. */
    private static final long MAX_LOG_BYTES = 16L * 1024 * 1024;

    private final ForkOptions options;
    /** Copies the running test JVM's output to its log; forks run one after another. */
    private Thread outputKeeper;
    private final Path workDir;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    public ForkRunner(ForkOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
    }

    /**
     * @param onTestFinished called, in order, as each test method's runs are complete
     */
    public ExecutionReport run(ExerciseSpec exercise, CompiledSubmission submission, Consumer<TestRuns> onTestFinished)
            throws IOException, InterruptedException {
        return run(exercise, submission, Set.of(), onTestFinished);
    }

    /**
     * @param onlyTests      if not empty, only the test methods of these names ({@code Class.method}) run
     * @param onTestFinished called, in order, as each test method's runs are complete
     */
    public ExecutionReport run(ExerciseSpec exercise, CompiledSubmission submission, Set<String> onlyTests, Consumer<TestRuns> onTestFinished)
            throws IOException, InterruptedException {
        Duration budget = options.budgetOverride() != null ? options.budgetOverride() : exercise.budget();
        long deadline = System.nanoTime() + budget.toNanos();
        Progress progress = new Progress(onTestFinished);
        int forks = 0;
        List<String> selection = List.of();
        while (true) {
            forks++;
            ForkEnd end = runFork(exercise, submission, selection, onlyTests, deadline, progress, forks);
            if (progress.plan == null) {
                return new ExecutionReport(List.of(), "The test JVM ended before it could list the tests: " + end.reason(), forks);
            }
            progress.failRunning(end);
            List<String> remaining = progress.unfinished();
            if (remaining.isEmpty()) {
                break;
            }
            if (end.kind() == EndKind.DONE) {
                progress.notRun(remaining, "The test JVM finished without reaching this test.");
                break;
            }
            if (System.nanoTime() >= deadline) {
                progress.notRun(remaining, "Not run: the exercise's time budget of " + budget.toSeconds() + " s ran out before this test (" + end.reason() + ").");
                break;
            }
            if (!progress.finishedAnyInLastFork()) {
                progress.notRun(remaining, "Not run: the test JVM kept failing before this test could start (" + end.reason() + ").");
                break;
            }
            selection = remaining;
        }
        return new ExecutionReport(progress.all(), null, forks);
    }

    private enum EndKind { DONE, TAINTED, DIED, BUDGET, SILENT, TASK_LIMIT }

    private record ForkEnd(EndKind kind, String reason) {
    }

    private ForkEnd runFork(ExerciseSpec exercise, CompiledSubmission submission, List<String> selection, Set<String> onlyTests, long deadline,
                            Progress progress, int forkNumber) throws IOException, InterruptedException {
        String token = HexFormat.of().formatHex(random.generateSeed(16));
        // not the token: the submission can read its environment, and the token must stay the grader's secret
        String marker = HexFormat.of().formatHex(random.generateSeed(8));
        Path log = workDir.resolve(exercise.id() + "-fork-" + forkNumber + ".log");
        try (ResultServer results = ResultServer.open(workDir, "results-" + forkNumber + ".sock")) {
            ForkRequest request = new ForkRequest(token, results.socketFile().toString(), exercise.testClasses(), selection, List.copyOf(onlyTests),
                    submission.sourceByClass(), exercise.testTimeout().toMillis(), options.stall().toMillis(), exercise.checkLeaks(),
                    exercise.limits().tests());
            Optional<TaskLimit> taskLimit = TaskLimit.create(options.maxTasks());
            Optional<SharedClassArchive> archive = SharedClassArchive.forTestJvms(options.javaExecutable(), options.classPath(), options.jvmOptions());
            Path classList = temporaryFolder(workDir).resolve("loaded-" + forkNumber + ".classlist");
            List<String> archiveOptions = archive.map(a -> a.optionsFor(exercise.id(), classList)).orElse(List.of());
            Process process;
            try {
                process = start(submission, log, marker, taskLimit, archiveOptions);
            } catch (IOException | RuntimeException e) {
                taskLimit.ifPresent(TaskLimit::close);
                throw e;
            }
            progress.forkStarted();
            try {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException exitedAlready) {
                    // the fork died at once; its log says why
                }
                results.startReading(token, START_LIMIT);
                return drive(process, results, deadline, progress, log, taskLimit);
            } finally {
                // the group first: it holds every descendant, orphans included, and cannot grow while it is emptied
                taskLimit.ifPresent(TaskLimit::close);
                ProcessTrees.kill(process.toHandle(), marker);
                archive.ifPresent(a -> a.learnFrom(exercise.id(), classList));
            }
        }
    }

    /**
     * Starts a test JVM in {@code taskLimit}'s group, if there is one: confined, it joins the group itself as its first
     * step; otherwise it is moved there at once. Either way before its request is sent, so before any of the
     * submission's code can run.
     */
    private Process start(CompiledSubmission submission, Path log, String marker, Optional<TaskLimit> taskLimit, List<String> archiveOptions)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(options.javaExecutable().toString());
        command.addAll(options.jvmOptions());
        command.addAll(archiveOptions);
        // The submission's temporary files stay in the grading's own folder, which is deleted after grading.
        Path tmp = Files.createDirectories(temporaryFolder(workDir));
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-cp");
        // jars first: a shared class archive covers only the jars, and only as the start of the class path
        String classPath = SharedClassArchive.jarsFirst(options.classPath()).stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        command.add(classPath + File.pathSeparator + submission.classesDir());
        command.add("gradelock.grader.fork.ForkMain");
        // where the machine allows, the only place it can write is that folder, and the only network it has is loopback
        Optional<Confinement> confinement = Confinement.onThisMachine();
        List<String> toRun = confinement.isPresent() ? confinement.get().wrap(command, tmp, taskLimit) : command;
        ProcessBuilder builder = new ProcessBuilder(toRun).directory(workDir.toFile()).redirectErrorStream(true);
        // every process the test JVM starts inherits this, so that one that escapes its tree can still be found
        builder.environment().put(ProcessTrees.MARKER_VARIABLE, marker);
        Process process = builder.start();
        if (confinement.isEmpty() && taskLimit.isPresent() && !taskLimit.get().add(process.toHandle())) {
            process.destroyForcibly();
            throw new IOException("could not move the test JVM into its task limit's group " + taskLimit.get().membersFile());
        }
        outputKeeper = Thread.ofPlatform().daemon().name("gradelock-fork-output").start(() -> keepOutput(process.getInputStream(), log));
        return process;
    }

    /** The folder a test JVM may write to, its {@code java.io.tmpdir}: the only one, where it runs confined. */
    public static Path temporaryFolder(Path workDir) {
        return workDir.resolve("tmp");
    }

    /**
     * Copies a test JVM's output into its log, up to {@link #MAX_LOG_BYTES}, and drains the rest unread: the test JVM
     * caps each test's printing itself, and this backstop catches what bypasses that (a write to the raw file
     * descriptor), so that no submission can fill the disk, nor block on a full pipe.
     */
    private static void keepOutput(InputStream output, Path log) {
        try (output; OutputStream file = Files.newOutputStream(log)) {
            byte[] buffer = new byte[8192];
            long kept = 0;
            for (int read; (read = output.read(buffer)) >= 0; ) {
                if (kept < MAX_LOG_BYTES) {
                    int keep = (int) Math.min(read, MAX_LOG_BYTES - kept);
                    file.write(buffer, 0, keep);
                    kept += keep;
                    if (kept == MAX_LOG_BYTES) {
                        file.write("\n[gradelock] the test JVM printed more than this; the rest was dropped\n".getBytes(StandardCharsets.UTF_8));
                        file.flush();
                    }
                }
            }
        } catch (IOException ignored) {
            // the test JVM is gone, or the log cannot be written: either way there is nothing more to keep
        }
    }

    private ForkEnd drive(Process process, ResultServer results, long deadline, Progress progress, Path log,
                          Optional<TaskLimit> taskLimit) throws InterruptedException {
        long goneSinceNanos = 0;
        while (true) {
            Object next = results.poll(50);
            if (next == null && !process.isAlive()) {
                // a fork that sent its last results and ended at once may be gone before the reader has passed them on:
                // they come before the end of the stream, which its death brings; wait for that, a little
                long now = System.nanoTime();
                goneSinceNanos = goneSinceNanos == 0 ? now : goneSinceNanos;
                if (now - goneSinceNanos < STREAM_END_GRACE.toNanos()) {
                    continue;
                }
            }
            // before the message is taken: a thread the kernel refused fails the running test with an OutOfMemoryError
            // (or ends its JVM), and the verdict must name the limit, not the symptom
            if (taskLimit.isPresent() && taskLimit.get().reached()) {
                return new ForkEnd(EndKind.TASK_LIMIT, "Too many threads and processes: the test JVM and the processes it started reached"
                        + " the limit of " + taskLimit.get().maxTasks() + " at once (processes that start processes without end?), so all of"
                        + " them were killed.");
            }
            if (next instanceof ForkMessage message) {
                if (message instanceof ForkMessage.Done) {
                    return new ForkEnd(EndKind.DONE, "done");
                }
                if (message instanceof ForkMessage.Tainted tainted) {
                    return new ForkEnd(EndKind.TAINTED, "the test JVM was ended after a " + tainted.reason() + " verdict");
                }
                progress.accept(message);
                continue;
            }
            if (next == ResultServer.END_OF_STREAM || next == null && !process.isAlive()) {
                process.waitFor(2, TimeUnit.SECONDS);
                String status = process.isAlive() ? "still running" : "exit status " + process.exitValue();
                outputKeeper.join(1_000); // the log's last lines say why it died
                String tail = logTail(log);
                if (tail.contains("OutOfMemoryError")) {
                    return new ForkEnd(EndKind.DIED, "it ran out of memory: the test JVM's heap is limited to " + ForkOptions.HEAP_MEGABYTES + " MiB" + tail);
                }
                return new ForkEnd(EndKind.DIED, "the test JVM ended unexpectedly (" + status + ")" + tail);
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return new ForkEnd(EndKind.BUDGET, "the exercise's time budget ran out");
            }
            if (progress.runningLongerThanLimit(SILENCE_GRACE)) {
                return new ForkEnd(EndKind.SILENT, "the test JVM stopped responding");
            }
        }
    }

    private static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            return tail.isEmpty() ? "" : ": " + String.join(" | ", tail).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The results gathered so far, across forks. */
    private static final class Progress {
        private final Consumer<TestRuns> onTestFinished;
        private List<ForkMessage.PlannedTest> plan;
        private final Map<String, List<ForkMessage.RunFinished>> runs = new LinkedHashMap<>();
        private final Map<String, String> notRun = new LinkedHashMap<>();
        private final List<String> finished = new ArrayList<>();
        private String running;
        private long runningSinceNanos;
        private long runningLimitMillis;
        private int finishedBeforeThisFork;

        Progress(Consumer<TestRuns> onTestFinished) {
            this.onTestFinished = onTestFinished;
        }

        void forkStarted() {
            finishedBeforeThisFork = finished.size();
            running = null;
        }

        boolean finishedAnyInLastFork() {
            return finished.size() > finishedBeforeThisFork;
        }

        void accept(ForkMessage message) {
            switch (message) {
                case ForkMessage.Plan p -> {
                    if (plan == null) {
                        plan = p.tests();
                        plan.forEach(test -> runs.put(test.id(), new ArrayList<>()));
                    }
                }
                case ForkMessage.TestStarted started -> {
                    running = started.id();
                    runningSinceNanos = System.nanoTime();
                    runningLimitMillis = started.limitMillis();
                }
                case ForkMessage.RunFinished run -> {
                    if (runs.containsKey(run.id()) && !finished.contains(run.id())) {
                        runs.get(run.id()).add(run);
                        runningSinceNanos = System.nanoTime(); // each repetition has its own limit
                    }
                }
                case ForkMessage.TestFinished done -> finish(done.id(), null);
                default -> {
                }
            }
        }

        boolean runningLongerThanLimit(Duration grace) {
            return running != null && System.nanoTime() - runningSinceNanos > TimeUnit.MILLISECONDS.toNanos(runningLimitMillis) + grace.toNanos();
        }

        /** The test a fork was running when it ended without a verdict for it gets one now. */
        void failRunning(ForkEnd end) {
            if (running == null || finished.contains(running) || end.kind() == EndKind.DONE) {
                return;
            }
            Verdict verdict = switch (end.kind()) {
                case SILENT, BUDGET -> Verdict.TIMEOUT;
                default -> Verdict.ERROR;
            };
            String message = switch (end.kind()) {
                case SILENT -> "Timed out: the test ran past its limit and its JVM stopped responding, so it was killed.";
                case BUDGET -> "Timed out: the exercise's time budget ran out while this test was running.";
                case TASK_LIMIT -> end.reason();
                default -> "The test JVM ended while this test was running (" + end.reason() + ").";
            };
            long millis = (System.nanoTime() - runningSinceNanos) / 1_000_000;
            runs.get(running).add(new ForkMessage.RunFinished(running, verdict, message, millis, List.of()));
            finish(running, null);
        }

        void notRun(List<String> ids, String reason) {
            ids.forEach(id -> finish(id, reason));
        }

        private void finish(String id, String notRunReason) {
            if (!runs.containsKey(id) || finished.contains(id)) {
                return;
            }
            finished.add(id);
            if (id.equals(running)) {
                running = null;
            }
            if (notRunReason != null) {
                notRun.put(id, notRunReason);
            }
            onTestFinished.accept(testRuns(id));
        }

        List<String> unfinished() {
            return plan.stream().map(ForkMessage.PlannedTest::id).filter(id -> !finished.contains(id)).toList();
        }

        private TestRuns testRuns(String id) {
            ForkMessage.PlannedTest test = plan.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
            return new TestRuns(test, runs.get(id), notRun.get(id));
        }

        List<TestRuns> all() {
            return plan.stream().map(test -> testRuns(test.id())).toList();
        }
    }
}
