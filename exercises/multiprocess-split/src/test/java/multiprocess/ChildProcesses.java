package multiprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the tests see of the child processes of this JVM, through {@link ProcessHandle}: which children run a given
 * main class, with which arguments, and whether they are still alive. Also the JVM options the tests give the
 * children: quick to start, and, for {@link #gated}, held by a {@link ChildGate} until the test opens it.
 */
final class ChildProcesses {

    /** Options that make a short-lived child JVM start faster on a busy machine. */
    static final List<String> QUICK = List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    private ChildProcesses() {
    }

    /** A child process seen running {@code mainClass}, with the arguments after the class name. */
    record Child(ProcessHandle handle, List<String> arguments, List<String> jvmArguments) {
        long pid() {
            return handle.pid();
        }

        /** For a worker: its part, the two numbers after the class name. */
        long from() {
            return Long.parseLong(arguments.get(0));
        }

        long to() {
            return Long.parseLong(arguments.get(1));
        }

        @Override
        public String toString() {
            return "pid " + handle.pid() + " " + arguments;
        }
    }

    /** The JVM options {@link #QUICK} plus those that install a {@link ChildGate} over {@code gateDir}. */
    static List<String> gated(Path gateDir, String... more) {
        List<String> options = new ArrayList<>(QUICK);
        // a custom system class loader turns off part of the class-data sharing, and the JVM warns about it on
        // standard output, where the worker's numbers go: no JVM logging at all in these children
        options.add("-Xlog:disable");
        options.add("-Djava.system.class.loader=" + ChildGate.class.getName());
        options.add("-D" + ChildGate.DIR + "=" + gateDir);
        options.addAll(List.of(more));
        return options;
    }

    static void open(Path gateDir) throws IOException {
        Files.writeString(gateDir.resolve("open"), "open");
    }

    /** The live children of this JVM whose command line runs {@code mainClass}. */
    static List<Child> running(Class<?> mainClass) {
        List<Child> found = new ArrayList<>();
        ProcessHandle.current().children().forEach(handle -> {
            Optional<String[]> args = handle.info().arguments();
            if (args.isEmpty() || !handle.isAlive()) {
                return;
            }
            List<String> all = List.of(args.get());
            int main = all.indexOf(mainClass.getName());
            if (main >= 0) {
                found.add(new Child(handle, all.subList(main + 1, all.size()), all.subList(0, main)));
            }
        });
        found.sort(Comparator.comparingLong(Child::pid));
        return found;
    }

    /**
     * Watches the children running {@code mainClass} until {@code count} of them are alive at the same moment, and
     * returns them; or, after {@code limit} or once {@code call} has ended (it will start no more children), returns
     * empty and leaves in {@code mostAtOnce} the largest set seen alive together.
     */
    static Optional<List<Child>> awaitAliveAtOnce(Class<?> mainClass, int count, Deadline limit, List<Child> mostAtOnce,
                                                  Background<?> call) throws InterruptedException {
        long deadline = limit.endNanosFromNow();
        while (true) {
            List<Child> alive = running(mainClass);
            if (alive.size() > mostAtOnce.size()) {
                mostAtOnce.clear();
                mostAtOnce.addAll(alive);
            }
            if (alive.size() >= count) {
                return Optional.of(alive);
            }
            if (System.nanoTime() > deadline || call.ended()) {
                return Optional.empty();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Waits up to {@code limit} for every one of {@code handles} to be gone; returns those still alive. */
    static List<ProcessHandle> stillAliveAfter(List<ProcessHandle> handles, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<ProcessHandle> alive = handles.stream().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty() || System.nanoTime() > deadline) {
                return alive;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Kills every descendant of this JVM and waits until they are gone: no test leaves a child to the next one. */
    static void killAll() {
        List<ProcessHandle> all = ProcessHandle.current().descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the next test that finds it alive
            }
        }
    }

    /** A folder for one gate, deleted by {@link #deleteGate}. */
    static Path newGate() throws IOException {
        return Files.createTempDirectory("gradelock-gate-");
    }

    static void deleteGate(Path gateDir) {
        if (gateDir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(gateDir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(gateDir);
        } catch (IOException e) {
            // a temporary folder left behind harms no one
        }
    }

    /** The part each child was given, {@code from -> to}, in the order of {@code from}. */
    static Map<Long, Long> parts(List<Child> workers) {
        Map<Long, Long> parts = new HashMap<>();
        workers.forEach(w -> parts.put(w.from(), w.to()));
        return parts;
    }

    /** What a finished run of a main class in a child JVM printed, and its exit status. */
    record Run(int status, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
    }

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM (this JVM's java and class path, {@link #QUICK}), its
     * output in files, and waits for it; a child still running after {@code seconds} is killed and reported.
     */
    static Run runMain(Class<?> mainClass, long seconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(QUICK);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("gradelock-out-", ".txt");
        Path err = Files.createTempFile("gradelock-err-", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("Expected " + mainClass.getSimpleName() + " " + List.of(args)
                        + " to end by itself, but it was still running after " + seconds + " s.");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The java executable this JVM runs on. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
