package multiprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Searches a range for Armstrong numbers with several operating-system processes, one {@link ArmstrongWorker} per
 * part of the range, all running at the same time: CPU-bound work that threads of one JVM would share with each
 * other, and processes share only with the machine.
 *
 * <p>Made slower on purpose: it dawdles for a fixed time before starting each child and over each part's numbers it
 * collects, never while it waits for a child.
 */
public final class ProcessSplitter {

    /** Extra cost of each child started and part collected, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 1_000_000;

    /** How much of a failed child's standard error goes into the exception. */
    private static final int STDERR_START = 1000;

    private ProcessSplitter() {
    }

    /**
     * {@link #find(long, long, int, List)} with no extra JVM options.
     *
     * @param from the first number to test, {@code >= 0}
     * @param to one past the last number to test, {@code >= from}
     * @param processes how many child processes, {@code >= 1}
     * @return the Armstrong numbers of {@code [from, to)}, ascending
     * @throws IOException if a child cannot start or exits with a status other than 0
     * @throws InterruptedException if the calling thread is interrupted while the children run
     */
    public static List<Long> find(long from, long to, int processes) throws IOException, InterruptedException {
        return find(from, to, processes, List.of());
    }

    /**
     * Splits {@code [from, to)} into {@code processes} contiguous parts whose lengths differ by at most one, and runs
     * {@link ArmstrongWorker} for each part in a child JVM of its own: the same {@code java} executable and class path
     * as this JVM, with {@code jvmOptions} before the class name. All children run at the same time, and their output
     * (standard output and standard error) is read while they run. As soon as a child cannot start or exits with a
     * status other than 0, the other children are destroyed and an {@link IOException} names the failed part, its exit
     * status and the start of its standard error. No child outlives this call, whether it returns, throws, or the
     * calling thread is interrupted (then it throws {@link InterruptedException}).
     *
     * @param from the first number to test, {@code >= 0}
     * @param to one past the last number to test, {@code >= from}
     * @param processes how many child processes, {@code >= 1}
     * @param jvmOptions options for every child JVM, such as {@code -XX:+UseSerialGC}
     * @return the Armstrong numbers of {@code [from, to)}, ascending
     * @throws IllegalArgumentException if {@code from < 0}, {@code from > to} or {@code processes < 1}
     * @throws IOException if a child cannot start or exits with a status other than 0
     * @throws InterruptedException if the calling thread is interrupted while the children run
     */
    public static List<Long> find(long from, long to, int processes, List<String> jvmOptions)
            throws IOException, InterruptedException {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("need 0 <= from <= to, was from=" + from + ", to=" + to);
        }
        if (processes < 1) {
            throw new IllegalArgumentException("processes must be >= 1, was " + processes);
        }
        List<String> options = List.copyOf(jvmOptions);
        List<Part> parts = split(from, to, processes);
        List<Child> children = new ArrayList<>();
        BlockingQueue<Child> finished = new LinkedBlockingQueue<>();
        try {
            for (Part part : parts) {
                dawdle();
                children.add(Child.start(part, options, finished));
            }
            // wait for the children in the order they finish, so that the first failure is seen at once
            for (int i = 0; i < children.size(); i++) {
                Child child = finished.take();
                child.throwIfFailed();
            }
            List<Long> all = new ArrayList<>();
            for (Child child : children) { // parts are in ascending order, and so is each part's output
                dawdle();
                all.addAll(child.numbers);
            }
            return all;
        } finally {
            for (Child child : children) {
                child.process.destroyForcibly();
            }
            for (Child child : children) {
                child.awaitGone();
            }
        }
    }

    /** {@code [from, to)} in {@code count} contiguous parts; the first {@code length % count} are one longer. */
    static List<Part> split(long from, long to, int count) {
        long length = to - from;
        long base = length / count;
        long longer = length % count;
        List<Part> parts = new ArrayList<>(count);
        long start = from;
        for (int i = 0; i < count; i++) {
            long end = start + base + (i < longer ? 1 : 0);
            parts.add(new Part(start, end));
            start = end;
        }
        return parts;
    }

    record Part(long from, long to) {
        @Override
        public String toString() {
            return "[" + from + ", " + to + ")";
        }
    }

    /** One child JVM, with a thread of its own reading its standard output and one draining its standard error. */
    private static final class Child {
        final Part part;
        final Process process;
        final List<Long> numbers = new ArrayList<>();
        final StringBuilder stderrStart = new StringBuilder();
        volatile IOException failure;

        private Child(Part part, Process process) {
            this.part = part;
            this.process = process;
        }

        static Child start(Part part, List<String> options, BlockingQueue<Child> finished) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ArmstrongWorker.class.getName());
            command.add(Long.toString(part.from()));
            command.add(Long.toString(part.to()));
            Process process;
            try {
                process = new ProcessBuilder(command).start();
            } catch (IOException e) {
                throw new IOException("the child for part " + part + " could not start: " + e.getMessage(), e);
            }
            Child child = new Child(part, process);
            Thread errors = Thread.ofPlatform().daemon().name("stderr-" + part).start(child::drainStderr);
            Thread.ofPlatform().daemon().name("stdout-" + part).start(() -> {
                child.readStdout();
                try {
                    errors.join();
                    int status = process.waitFor();
                    if (status != 0) {
                        child.failure = new IOException("the child for part " + part + " exited with status " + status
                                + "; its standard error began: " + child.stderrStart());
                    }
                } catch (InterruptedException e) {
                    child.failure = new IOException("stopped waiting for the child for part " + part);
                }
                finished.add(child);
            });
            return child;
        }

        private void readStdout() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        numbers.add(Long.parseLong(line.trim()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                failure = new IOException("cannot read the output of the child for part " + part + ": " + e, e);
                process.destroyForcibly();
            }
        }

        private void drainStderr() {
            byte[] buffer = new byte[8192];
            try (InputStream err = process.getErrorStream()) {
                for (int n; (n = err.read(buffer)) != -1; ) {
                    synchronized (stderrStart) {
                        if (stderrStart.length() < STDERR_START) {
                            stderrStart.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException e) {
                // the child was destroyed: what was read so far is all there is
            }
        }

        private String stderrStart() {
            synchronized (stderrStart) {
                String text = stderrStart.toString().strip();
                return text.length() > STDERR_START ? text.substring(0, STDERR_START) + "..." : text;
            }
        }

        void throwIfFailed() throws IOException {
            IOException e = failure;
            if (e != null) {
                throw e;
            }
        }

        /** Waits until the destroyed process is gone, even if this thread is interrupted (and keeps the interrupt). */
        void awaitGone() {
            boolean interrupted = false;
            while (true) {
                try {
                    process.waitFor();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path, never while waiting. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
