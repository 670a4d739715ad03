package gradelock.grader.execute;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Ends a process and everything it started, so that nothing of a submission outlives its grading. */
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
