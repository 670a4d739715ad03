package gradelock.grader.execute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Ends a process and everything it started, so that nothing of a submission outlives its grading: its descendants,
 * and (where the operating system shows processes' environments, as Linux does in {@code /proc}) every process that
 * carries its marker in its environment, which finds the orphans a double fork re-parents away from the tree.
 */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    /**
     * Kills {@code root} and all its descendants and waits until they are gone. Descendants are listed
     * before anything is killed: once a parent dies its children are re-parented and could not be found.
     */
    public static void kill(ProcessHandle root) {
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        // a process that started a child between the listing and its death leaves that child: one more pass
        List<ProcessHandle> late = tree.stream().flatMap(ProcessHandle::descendants).toList();
        late.forEach(ProcessHandle::destroyForcibly);
        Stream.concat(tree.stream(), late.stream()).forEach(ProcessTrees::awaitExit);
    }

    /** The environment variable each test JVM is started with, which the processes it starts inherit. */
    public static final String MARKER_VARIABLE = "GRADELOCK_GRADING";

    /**
     * Kills {@code root}'s tree, then every process of this user whose environment holds {@code MARKER_VARIABLE=marker}.
     * A process that clears its environment escapes the second step; the process limits and docs/security.md say
     * what to put around the grader for that.
     */
    public static void kill(ProcessHandle root, String marker) {
        kill(root);
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return;
        }
        byte[] wanted = (MARKER_VARIABLE + "=" + marker).getBytes(StandardCharsets.UTF_8);
        // Passes take milliseconds and a new JVM takes far longer before it can start another, so this ends unless
        // processes are started faster than they can be killed, which a kernel limit must stop (docs/security.md).
        killUntilNoneLeft(() -> ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid() && carries(proc, process.pid(), wanted))
                .toList(), MAX_SWEEPS);
    }

    private static final int MAX_SWEEPS = 20;

    /**
     * Kills every process {@code listing} names and waits for them, pass after pass, until a listing is empty or
     * {@code maxPasses} have run: what the killed started meanwhile is named by the next listing.
     */
    static void killUntilNoneLeft(Supplier<List<ProcessHandle>> listing, int maxPasses) {
        for (int pass = 0; pass < maxPasses; pass++) {
            List<ProcessHandle> alive = listing.get();
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            alive.forEach(ProcessTrees::awaitExit);
        }
    }

    private static boolean carries(Path proc, long pid, byte[] entry) {
        try {
            byte[] environment = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("environ"));
            for (int start = 0; start < environment.length; ) {
                int end = start;
                while (end < environment.length && environment[end] != 0) {
                    end++;
                }
                if (Arrays.equals(environment, start, end, entry, 0, entry.length)) {
                    return true;
                }
                start = end + 1;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // gone, or another user's: not ours
        }
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // reported by the caller if the process is still alive
        }
    }
}
