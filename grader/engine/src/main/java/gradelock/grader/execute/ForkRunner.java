package gradelock.grader.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.model.CalibratedLimits;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs an exercise's tests against a compiled submission in forked JVMs. Results stream in as each test
 * ends, so a JVM that dies loses nothing already run. A JVM that may hold stuck threads (after a deadlock,
 * stall or timeout), that dies, or that falls silent is killed with its whole process tree, and the tests
 * it did not reach run in a fresh one, until all have run, the exercise's wall-clock budget is spent or the whole
 * grading's deadline ({@link GradingDeadline}) has come.
 */
public final class ForkRunner {

    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    /** Past a test's own limit, how long the grader waits for the fork's watchdog before giving up on the fork. */
    private static final Duration SILENCE_GRACE = Duration.ofSeconds(5);
    /** How long the results of a fork that has ended may take to arrive, before it counts as having died without them. */
    private static final Duration STREAM_END_GRACE = Duration.ofSeconds(2);
    /** How many tests of an exercise hang, each ending its test JVM, before the rest are dealt out to lanes. */
    static final int HANGS_BEFORE_LANES = 2;
    /**
     * How many test JVMs run an exercise's tests at once once they hang. A hang waits out its limit (at least 1 s) on
     * the clock, and takes a fresh JVM after it: one after another, an exercise whose every test hangs takes minutes.
     */
    static final int LANES = 4;
    /** The most of a test JVM's output kept in its log. */
    private static final long MAX_LOG_BYTES = 16L * 1024 * 1024;

    private final ForkOptions options;
    private final Path workDir;
    private final TestJvmPermits permits;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    public ForkRunner(ForkOptions options, Path workDir) {
        this(options, workDir, TestJvmPermits.FOR_THIS_MACHINE);
    }

    /** @param permits how many test JVMs may be alive at once, shared with every other grading of this process */
    ForkRunner(ForkOptions options, Path workDir, TestJvmPermits permits) {
        this.options = options;
        this.workDir = workDir;
        this.permits = permits;
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
        return run(exercise, submission, onlyTests, GradingDeadline.NONE, onTestFinished);
    }

    /**
     * @param onlyTests      if not empty, only the test methods of these names ({@code Class.method}) run
     * @param deadline       the whole grading's deadline: at it, the tests running are stopped, and they and those not begun
     *                       are not run, with the deadline's reasons
     * @param onTestFinished called, in order, as each test method's runs are complete
     */
    public ExecutionReport run(ExerciseSpec exercise, CompiledSubmission submission, Set<String> onlyTests, GradingDeadline deadline,
                               Consumer<TestRuns> onTestFinished) throws IOException, InterruptedException {
        Duration budget = options.budgetOverride() != null ? options.budgetOverride() : exercise.budget();
        Grading grading = new Grading(exercise, submission, onlyTests, System.nanoTime() + budget.toNanos(), budget, deadline,
                new Progress(onTestFinished));
        Optional<String> noPlan;
        try {
            noPlan = new Lane(grading, null).run(true);
            grading.awaitOtherLanes();
        } catch (IOException | InterruptedException | RuntimeException e) {
            grading.stopOtherLanes();
            throw e;
        } finally {
            grading.awaitClosed();
        }
        if (noPlan.isPresent()) {
            return new ExecutionReport(List.of(), "The test JVM ended before it could list the tests: " + noPlan.get(), grading.forks.get());
        }
        return new ExecutionReport(grading.progress.all(), null, grading.forks.get());
    }

    /** What the lanes of one exercise's grading share. */
    private final class Grading {
        private final ExerciseSpec exercise;
        private final CompiledSubmission submission;
        private final Set<String> onlyTests;
        private final long deadline;
        private final Duration budget;
        private final GradingDeadline gradingDeadline;
        private final Progress progress;
        private final AtomicInteger forks = new AtomicInteger();
        private final AtomicInteger forksStarted = new AtomicInteger();
        private final List<Thread> otherLanes = new ArrayList<>();
        private final List<Exception> failures = new CopyOnWriteArrayList<>();
        private final List<Thread> closing = new CopyOnWriteArrayList<>();

        Grading(ExerciseSpec exercise, CompiledSubmission submission, Set<String> onlyTests, long deadline, Duration budget,
                GradingDeadline gradingDeadline, Progress progress) {
            this.exercise = exercise;
            this.submission = submission;
            this.onlyTests = onlyTests;
            this.deadline = deadline;
            this.budget = budget;
            this.gradingDeadline = gradingDeadline;
            this.progress = progress;
        }

        /** A test JVM a test needs: it waits until the machine's memory allows one more ({@link TestJvmPermits}). */
        StartedFork startFork() throws IOException, InterruptedException {
            permits.acquire();
            return start(exercise, submission, forksStarted.incrementAndGet());
        }

        /** A spare test JVM, to boot while another runs, if the machine's memory allows one more now; else none. */
        StartedFork startSpare() throws IOException {
            return permits.tryAcquire() ? start(exercise, submission, forksStarted.incrementAndGet()) : null;
        }

        void startLane(List<String> tests) {
            Lane lane = new Lane(this, Set.copyOf(tests));
            otherLanes.add(Thread.ofPlatform().name("gradelock-lane-" + (otherLanes.size() + 2)).start(() -> {
                try {
                    lane.run(false);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    failures.add(e);
                }
            }));
        }

        /**
         * Kills a test JVM that has ended or is no longer needed, and removes what it leaves, off the lane's path: the
         * next JVM need not wait for that.
         */
        void closeLater(StartedFork fork) {
            closing.add(Thread.ofPlatform().name("gradelock-fork-closer").start(fork::close));
        }

        /** Every test JVM of the grading is gone, and so is everything they started. */
        void awaitClosed() {
            joinUninterruptibly(closing);
        }

        void stopOtherLanes() {
            otherLanes.forEach(Thread::interrupt); // each closes its test JVMs on the way out
            joinUninterruptibly(otherLanes);
        }

        void awaitOtherLanes() throws IOException, InterruptedException {
            try {
                for (Thread lane : otherLanes) {
                    lane.join();
                }
            } catch (InterruptedException e) {
                stopOtherLanes();
                throw e;
            }
            for (Exception failure : failures) {
                switch (failure) {
                    case IOException io -> throw io;
                    case InterruptedException interrupted -> throw interrupted;
                    case RuntimeException runtime -> throw runtime;
                    default -> throw new IllegalStateException(failure);
                }
            }
        }
    }

    /**
     * A sequence of test JVMs that runs a share of an exercise's tests: each runs what the one before did not reach.
     * Grading starts with one lane for every test; once {@value #HANGS_BEFORE_LANES} tests have hung, the tests left
     * are dealt out to {@value #LANES} lanes that run at once, since each hang waits out a limit on the clock.
     */
    private final class Lane {
        private final Grading grading;
        /** The tests of this lane, or null for every test. */
        private Set<String> tests;
        private final Watch watch = new Watch();

        Lane(Grading grading, Set<String> tests) {
            this.grading = grading;
            this.tests = tests;
        }

        /** @return why the first test JVM could not list the tests, if it could not */
        Optional<String> run(boolean mayDealOut) throws IOException, InterruptedException {
            Progress progress = grading.progress;
            List<String> selection = tests == null ? List.of() : progress.unfinished(tests);
            int hangs = 0;
            int forks = 0;
            StartedFork next = grading.startFork();
            try {
                while (true) {
                    forks++;
                    grading.forks.incrementAndGet();
                    ForkEnd end;
                    StartedFork fork = next;
                    next = null;
                    try {
                        // once a lane has needed a fresh JVM it tends to need more (one per hanging test), and a lane is
                        // dealt tests only after hangs: the next JVM boots while this one runs, so that a hang costs its
                        // limit and not a JVM's start as well
                        next = forks > 1 || tests != null ? grading.startSpare() : null;
                        end = drive(fork, grading.exercise, grading.submission, selection, grading.onlyTests, grading.deadline,
                                grading.gradingDeadline, progress, watch);
                    } finally {
                        grading.closeLater(fork);
                    }
                    if (!progress.hasPlan()) {
                        return Optional.of(end.reason());
                    }
                    progress.failRunning(watch, end);
                    List<String> remaining = progress.unfinished(tests);
                    if (remaining.isEmpty()) {
                        break;
                    }
                    if (end.kind() == EndKind.DONE) {
                        progress.notRun(remaining, "The test JVM finished without reaching this test.");
                        break;
                    }
                    if (grading.gradingDeadline.passed()) {
                        progress.notRun(remaining, grading.gradingDeadline.notRunReason());
                        break;
                    }
                    if (System.nanoTime() >= grading.deadline) {
                        // the reason the last JVM ended, unless that was the budget itself, which the sentence already says
                        progress.notRun(remaining, "Not run: the exercise's time budget of " + grading.budget.toSeconds()
                                + " s ran out before this test" + (end.kind() == EndKind.BUDGET ? "." : " (" + end.reason() + ")."));
                        break;
                    }
                    if (!watch.finishedAnyInLastFork()) {
                        progress.notRun(remaining, "Not run: the test JVM kept failing before this test could start (" + end.reason() + ").");
                        break;
                    }
                    hangs += end.isHang() ? 1 : 0;
                    selection = remaining;
                    if (mayDealOut && hangs >= HANGS_BEFORE_LANES && remaining.size() > 1) {
                        mayDealOut = false;
                        selection = dealOut(remaining);
                    }
                    if (next == null) {
                        next = grading.startFork();
                    }
                }
            } finally {
                if (next != null) {
                    grading.closeLater(next); // the spare was not needed
                }
            }
            return Optional.empty();
        }

        /**
         * Starts the other lanes and returns this lane's share of the tests left. Each test goes to the lane whose tests
         * so far have the least time in all, by their limits (the longest first): if they hang too, each lane waits out
         * about as long as the others.
         */
        private List<String> dealOut(List<String> remaining) {
            int lanes = Math.min(LANES, remaining.size());
            List<List<String>> shares = new ArrayList<>();
            long[] load = new long[lanes];
            for (int lane = 0; lane < lanes; lane++) {
                shares.add(new ArrayList<>());
            }
            List<String> longestFirst = remaining.stream().sorted(Comparator.comparingLong(this::limitMillis).reversed()).toList();
            for (String test : longestFirst) {
                int lightest = 0;
                for (int lane = 1; lane < lanes; lane++) {
                    lightest = load[lane] < load[lightest] ? lane : lightest;
                }
                shares.get(lightest).add(test);
                load[lightest] += limitMillis(test);
            }
            // in the plan's order within each lane, as the tests would run one after another
            List<List<String>> inPlanOrder = shares.stream().map(share -> remaining.stream().filter(share::contains).toList()).toList();
            inPlanOrder.subList(1, lanes).forEach(grading::startLane);
            tests = Set.copyOf(inPlanOrder.get(0));
            return inPlanOrder.get(0);
        }

        /** How long a test may run: its calibrated limit, or the exercise's ceiling. */
        private long limitMillis(String testId) {
            return grading.progress.nameOf(testId).flatMap(grading.exercise.limits()::of).map(CalibratedLimits.TestLimit::limitMillis)
                    .orElse(grading.exercise.testTimeout().toMillis());
        }
    }

    /**
     * How a test JVM ended: {@code HUNG} is {@code TAINTED} by a {@code timeout} verdict; {@code BUDGET} is the exercise's
     * budget spent, {@code DEADLINE} the whole grading's deadline reached.
     */
    private enum EndKind { DONE, TAINTED, HUNG, DIED, BUDGET, DEADLINE, SILENT, TASK_LIMIT }

    private record ForkEnd(EndKind kind, String reason) {

        /** A test ran past its limit and its JVM had to go: the kind of end lanes are for. */
        boolean isHang() {
            return kind == EndKind.HUNG || kind == EndKind.SILENT;
        }
    }

    /**
     * A test JVM started and waiting for its request on standard input, which it reads before it loads any test or
     * submission class: everything but the tests it is to run is settled at its start.
     */
    private final class StartedFork implements AutoCloseable {
        private final String exerciseId;
        private final String token = HexFormat.of().formatHex(random.generateSeed(16));
        // not the token: the submission can read its environment, and the token must stay the grader's secret
        private final String marker = HexFormat.of().formatHex(random.generateSeed(8));
        private final ResultServer results;
        private final Optional<TaskLimit> taskLimit;
        private final Optional<SharedClassArchive> archive;
        private final Path classList;
        private final Path log;
        private Process process;
        private Thread outputKeeper;
        private boolean used;
        private final AtomicBoolean closed = new AtomicBoolean();

        private StartedFork(String exerciseId, int number) throws IOException {
            this.exerciseId = exerciseId;
            this.log = workDir.resolve(exerciseId + "-fork-" + number + ".log");
            this.classList = temporaryFolder(workDir).resolve("loaded-" + number + ".classlist");
            this.results = ResultServer.open(workDir, "results-" + number + ".sock");
            this.taskLimit = TaskLimit.create(options.maxTasks());
            this.archive = SharedClassArchive.forTestJvms(options.javaExecutable(), options.classPath(), options.jvmOptions());
        }

        /** Ends the test JVM and all it started, and gives its permit back; once. */
        @Override
        public void close() {
            if (closed.getAndSet(true)) {
                return;
            }
            try {
                // the group first: it holds every descendant, orphans included, and cannot grow while it is emptied
                taskLimit.ifPresent(TaskLimit::close);
                if (process != null) {
                    ProcessTrees.kill(process.toHandle(), marker);
                }
                if (used) {
                    archive.ifPresent(a -> a.learnFrom(exerciseId, classList));
                }
                try {
                    results.close();
                } catch (IOException e) {
                    // its socket file goes with the grading's folder
                }
            } finally {
                permits.release();
            }
        }
    }

    /** Starts a test JVM under a permit already taken, which its {@code close} gives back (here, if it fails to start). */
    private StartedFork start(ExerciseSpec exercise, CompiledSubmission submission, int forkNumber) throws IOException {
        StartedFork fork;
        try {
            fork = new StartedFork(exercise.id(), forkNumber);
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
        try {
            List<String> archiveOptions = fork.archive.map(a -> a.optionsFor(exercise.id(), fork.classList)).orElse(List.of());
            fork.process = start(submission, fork.log, fork.marker, fork.taskLimit, archiveOptions);
            Process process = fork.process;
            fork.outputKeeper = Thread.ofPlatform().daemon().name("gradelock-fork-output").start(() -> keepOutput(process.getInputStream(), fork.log));
            return fork;
        } catch (IOException | RuntimeException e) {
            fork.close();
            throw e;
        }
    }

    /** Sends {@code fork} the tests to run and follows it until it ends. */
    private ForkEnd drive(StartedFork fork, ExerciseSpec exercise, CompiledSubmission submission, List<String> selection, Set<String> onlyTests,
                          long deadline, GradingDeadline gradingDeadline, Progress progress, Watch watch) throws IOException, InterruptedException {
        fork.used = true;
        ForkRequest request = new ForkRequest(fork.token, fork.results.socketFile().toString(), exercise.testClasses(), selection, List.copyOf(onlyTests),
                submission.sourceByClass(), exercise.testTimeout().toMillis(), options.stall().toMillis(), exercise.checkLeaks(),
                exercise.limits().tests());
        watch.forkStarted();
        try (OutputStream stdin = fork.process.getOutputStream()) {
            stdin.write((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException exitedAlready) {
            // the fork died at once; its log says why
        }
        fork.results.startReading(fork.token, START_LIMIT);
        return follow(fork, deadline, gradingDeadline, progress, watch);
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

    private ForkEnd follow(StartedFork fork, long deadline, GradingDeadline gradingDeadline, Progress progress, Watch watch)
            throws InterruptedException {
        Process process = fork.process;
        ResultServer results = fork.results;
        Optional<TaskLimit> taskLimit = fork.taskLimit;
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
                    return new ForkEnd(tainted.reason().equals(Verdict.TIMEOUT.jsonName()) ? EndKind.HUNG : EndKind.TAINTED,
                            "the test JVM was ended after a " + tainted.reason() + " verdict");
                }
                progress.accept(message, watch);
                continue;
            }
            if (next == ResultServer.END_OF_STREAM || next == null && !process.isAlive()) {
                process.waitFor(2, TimeUnit.SECONDS);
                String status = process.isAlive() ? "still running" : "exit status " + process.exitValue();
                fork.outputKeeper.join(1_000); // the log's last lines say why it died
                String tail = logTail(fork.log);
                if (tail.contains("OutOfMemoryError")) {
                    return new ForkEnd(EndKind.DIED, "it ran out of memory: the test JVM's heap is limited to " + ForkOptions.HEAP_MEGABYTES + " MiB" + tail);
                }
                return new ForkEnd(EndKind.DIED, "the test JVM ended unexpectedly (" + status + ")" + tail);
            }
            if (gradingDeadline.passed()) {
                return new ForkEnd(EndKind.DEADLINE, gradingDeadline.stoppedReason());
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return new ForkEnd(EndKind.BUDGET, "the exercise's time budget ran out");
            }
            if (watch.runningLongerThanLimit(SILENCE_GRACE)) {
                return new ForkEnd(EndKind.SILENT, "the test JVM stopped responding");
            }
        }
    }

    private static void joinUninterruptibly(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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

    /** What one lane's running test JVM is doing: the test it runs, since when, and how many tests it finished. */
    private static final class Watch {
        private String running;
        private long runningSinceNanos;
        private long runningLimitMillis;
        private int finishedInThisFork;

        synchronized void forkStarted() {
            running = null;
            finishedInThisFork = 0;
        }

        synchronized boolean finishedAnyInLastFork() {
            return finishedInThisFork > 0;
        }

        synchronized void started(String id, long limitMillis) {
            running = id;
            runningSinceNanos = System.nanoTime();
            runningLimitMillis = limitMillis;
        }

        /** Each repetition has its own limit. */
        synchronized void ranOnce() {
            runningSinceNanos = System.nanoTime();
        }

        synchronized void finished(String id) {
            finishedInThisFork++;
            if (id.equals(running)) {
                running = null;
            }
        }

        synchronized boolean runningLongerThanLimit(Duration grace) {
            return running != null && System.nanoTime() - runningSinceNanos > TimeUnit.MILLISECONDS.toNanos(runningLimitMillis) + grace.toNanos();
        }
    }

    /**
     * The results gathered so far, across test JVMs and lanes. Tests are passed on in the plan's order, whichever lane
     * finishes them first.
     */
    private static final class Progress {
        private final Consumer<TestRuns> onTestFinished;
        private List<ForkMessage.PlannedTest> plan;
        private final Map<String, List<ForkMessage.RunFinished>> runs = new LinkedHashMap<>();
        private final Map<String, String> notRun = new LinkedHashMap<>();
        private final Set<String> finished = new HashSet<>();
        private int passedOn;

        Progress(Consumer<TestRuns> onTestFinished) {
            this.onTestFinished = onTestFinished;
        }

        synchronized boolean hasPlan() {
            return plan != null;
        }

        synchronized void accept(ForkMessage message, Watch watch) {
            switch (message) {
                case ForkMessage.Plan p -> {
                    if (plan == null) {
                        plan = p.tests();
                        plan.forEach(test -> runs.put(test.id(), new ArrayList<>()));
                    }
                }
                case ForkMessage.TestStarted started -> watch.started(started.id(), started.limitMillis());
                case ForkMessage.RunFinished run -> {
                    if (runs.containsKey(run.id()) && !finished.contains(run.id())) {
                        runs.get(run.id()).add(run);
                        watch.ranOnce();
                    }
                }
                case ForkMessage.TestFinished done -> {
                    finish(done.id(), null);
                    watch.finished(done.id());
                }
                default -> {
                }
            }
        }

        /** The test a fork was running when it ended without a verdict for it gets one now. */
        synchronized void failRunning(Watch watch, ForkEnd end) {
            String running;
            long millis;
            synchronized (watch) {
                running = watch.running;
                millis = (System.nanoTime() - watch.runningSinceNanos) / 1_000_000;
            }
            if (running == null || finished.contains(running) || end.kind() == EndKind.DONE) {
                return;
            }
            if (end.kind() == EndKind.DEADLINE) {
                // stopped on the clock, not shown to hang: no verdict, only why it has none
                finish(running, end.reason());
                watch.finished(running);
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
            runs.get(running).add(new ForkMessage.RunFinished(running, verdict, message, millis, List.of()));
            finish(running, null);
            watch.finished(running);
        }

        synchronized void notRun(List<String> ids, String reason) {
            ids.forEach(id -> finish(id, reason));
        }

        private void finish(String id, String notRunReason) {
            if (!runs.containsKey(id) || finished.contains(id)) {
                return;
            }
            finished.add(id);
            if (notRunReason != null) {
                notRun.put(id, notRunReason);
            }
            while (passedOn < plan.size() && finished.contains(plan.get(passedOn).id())) {
                onTestFinished.accept(testRuns(plan.get(passedOn).id()));
                passedOn++;
            }
        }

        /** The tests of the plan not finished yet, of those in {@code among} (all, if null), in the plan's order. */
        synchronized List<String> unfinished(Set<String> among) {
            return plan.stream().map(ForkMessage.PlannedTest::id)
                    .filter(id -> !finished.contains(id) && (among == null || among.contains(id))).toList();
        }

        /** The name of a planned test ({@code Class.method}), as limits and reports know it. */
        synchronized Optional<String> nameOf(String id) {
            return plan.stream().filter(t -> t.id().equals(id)).map(ForkMessage.PlannedTest::name).findFirst();
        }

        private TestRuns testRuns(String id) {
            ForkMessage.PlannedTest test = plan.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
            return new TestRuns(test, runs.get(id), notRun.get(id));
        }

        synchronized List<TestRuns> all() {
            return plan.stream().map(test -> testRuns(test.id())).toList();
        }
    }
}
