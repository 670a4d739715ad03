package multiprocess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Searches a range for Armstrong numbers with one child JVM per part. This version gives each child a task on a
 * virtual-thread executor (reading its standard error in a second task, its standard output in its own, then waiting
 * for its exit), and takes the tasks' results through an {@link ExecutorCompletionService}: in the order they finish,
 * so the first failure is seen at once.
 */
public final class ProcessSplitter {

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
     * {@link ArmstrongWorker} for each part in a child JVM of its own, all at the same time, with {@code jvmOptions}.
     * As soon as a child exits with a status other than 0, the others are destroyed and an {@link IOException} names
     * its part, its status and the start of its standard error. No child outlives this call.
     *
     * @param from the first number to test, {@code >= 0}
     * @param to one past the last number to test, {@code >= from}
     * @param processes how many child processes, {@code >= 1}
     * @param jvmOptions options for every child JVM
     * @return the Armstrong numbers of {@code [from, to)}, ascending
     * @throws IllegalArgumentException if {@code from < 0}, {@code from > to} or {@code processes < 1}
     * @throws IOException if a child cannot start or exits with a status other than 0
     * @throws InterruptedException if the calling thread is interrupted while the children run
     */
    public static List<Long> find(long from, long to, int processes, List<String> jvmOptions)
            throws IOException, InterruptedException {
        if (from < 0 || from > to || processes < 1) {
            throw new IllegalArgumentException("need 0 <= from <= to and processes >= 1, was from=" + from + ", to="
                    + to + ", processes=" + processes);
        }
        List<String> options = List.copyOf(jvmOptions);
        long[] bounds = new long[processes + 1];
        bounds[0] = from;
        for (int i = 0; i < processes; i++) {
            bounds[i + 1] = bounds[i] + (to - from) / processes + (i < (to - from) % processes ? 1 : 0);
        }
        List<Process> children = new ArrayList<>();
        try (ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                CompletionService<long[]> results = new ExecutorCompletionService<>(tasks);
                List<Future<long[]>> parts = new ArrayList<>();
                for (int i = 0; i < processes; i++) {
                    Process child = start(bounds[i], bounds[i + 1], options);
                    children.add(child);
                    parts.add(results.submit(watch(child, bounds[i], bounds[i + 1], tasks)));
                }
                for (int i = 0; i < processes; i++) {
                    try {
                        results.take().get();
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                }
                List<Long> all = new ArrayList<>();
                for (Future<long[]> part : parts) {
                    Arrays.stream(part.resultNow()).forEach(all::add);
                }
                return all;
            } finally {
                // before the executor's close(), which waits for every task: a task waits for its child's end
                children.forEach(Process::destroyForcibly);
                tasks.shutdownNow();
            }
        } finally {
            for (Process child : children) {
                child.onExit().join();
            }
        }
    }

    private static Process start(long from, long to, List<String> options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ArmstrongWorker.class.getName(),
                Long.toString(from), Long.toString(to)));
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException("the child for [" + from + ", " + to + ") could not start: " + e.getMessage(), e);
        }
    }

    /** The task for one child: its numbers, read while it runs, or an IOException naming its part if it fails. */
    private static Callable<long[]> watch(Process child, long from, long to, ExecutorService tasks) {
        return () -> {
            Future<String> stderr = tasks.submit(() -> startOf(child.getErrorStream()));
            long[] numbers;
            try (var out = child.inputReader(StandardCharsets.UTF_8)) {
                numbers = out.lines().map(String::strip).filter(line -> !line.isEmpty()).mapToLong(Long::parseLong).toArray();
            }
            int status = child.waitFor();
            if (status != 0) {
                throw new IOException("the child for [" + from + ", " + to + ") exited with status " + status
                        + "; its standard error began: " + stderr.get());
            }
            return numbers;
        };
    }

    /** Reads a stream to its end, keeping its first 1000 characters. */
    private static String startOf(InputStream in) throws IOException {
        StringBuilder start = new StringBuilder();
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (start.length() < 1000) {
                    start.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
        }
        return start.length() > 1000 ? start.substring(0, 1000).strip() + "..." : start.toString().strip();
    }
}
