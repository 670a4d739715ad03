package multiprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Searches a range for Armstrong numbers with one child JVM per part. This version starts no thread of its own: each
 * child writes its standard output and standard error to temporary files (so no pipe can fill up and block it), and
 * the caller waits on the children's {@link Process#onExit()} futures, whichever ends first.
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
        Path folder = Files.createTempDirectory("armstrong-");
        List<Child> children = new ArrayList<>();
        try {
            long length = to - from;
            long start = from;
            for (int i = 0; i < processes; i++) {
                long end = start + length / processes + (i < length % processes ? 1 : 0);
                children.add(Child.start(start, end, options, folder, i));
                start = end;
            }
            List<Child> running = new ArrayList<>(children);
            while (!running.isEmpty()) {
                awaitAnyExit(running);
                for (Child child : List.copyOf(running)) {
                    if (!child.process.isAlive()) {
                        running.remove(child);
                        child.checkStatus();
                    }
                }
            }
            List<Long> all = new ArrayList<>();
            for (Child child : children) {
                all.addAll(child.numbers());
            }
            return all;
        } finally {
            children.forEach(child -> child.process.destroyForcibly());
            // join() cannot be interrupted: even an interrupted caller waits until its children are gone
            children.forEach(child -> child.process.onExit().join());
            deleteAll(folder);
        }
    }

    private static void awaitAnyExit(List<Child> running) throws InterruptedException {
        CompletableFuture<?>[] exits = running.stream().map(child -> child.process.onExit()).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.anyOf(exits).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("onExit() does not fail", e);
        }
    }

    private static void deleteAll(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a temporary folder left behind harms no one
        }
    }

    private record Child(long from, long to, Process process, Path out, Path err) {

        static Child start(long from, long to, List<String> options, Path folder, int index) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ArmstrongWorker.class.getName(),
                    Long.toString(from), Long.toString(to)));
            Path out = folder.resolve("part-" + index + ".out");
            Path err = folder.resolve("part-" + index + ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                return new Child(from, to, process, out, err);
            } catch (IOException e) {
                throw new IOException("the child for part [" + from + ", " + to + ") could not start: " + e.getMessage(), e);
            }
        }

        void checkStatus() throws IOException {
            int status = process.exitValue();
            if (status != 0) {
                String error = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw new IOException("the child for part [" + from + ", " + to + ") exited with status " + status
                        + "; its standard error began: " + (error.length() > 1000 ? error.substring(0, 1000) + "..." : error));
            }
        }

        List<Long> numbers() throws IOException {
            return Files.readAllLines(out, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).map(Long::valueOf).toList();
        }
    }
}
