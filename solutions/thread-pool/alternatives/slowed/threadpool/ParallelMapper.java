package threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The counterpart of Python's {@code executor.map(f, inputs)}: applies a function to every input on a thread pool
 * that someone else owns, and hands back the results in the order of the inputs.
 *
 * <p>Made slower on purpose: the caller dawdles for a fixed time over each input it submits and each result it hands
 * back, never while it waits for a task.
 */
public final class ParallelMapper {

    /** Extra cost of each submit and each result, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 300_000;

    private ParallelMapper() {
    }

    /**
     * Applies {@code f} to every input, each application a task on {@code pool}, and returns the results in the
     * order of {@code inputs} (the result of {@code inputs.get(i)} at index {@code i}, {@code null} results
     * included). Every task is submitted before any is waited for, so all of them are free to run at once: on a
     * pool with as many threads as inputs, all run at the same time.
     *
     * <p>If an application of {@code f} throws, whichever input it was, this method does not wait for the others:
     * it cancels, with interruption, every task not yet finished, and throws an {@link ExecutionException} whose
     * cause is the exception {@code f} threw. The pool is borrowed: this method never shuts it down.
     *
     * @param pool where the tasks run; left running
     * @param f the function to apply
     * @param inputs the inputs, in order
     * @param <T> the type of the inputs
     * @param <R> the type of the results
     * @return the results, in the order of the inputs
     * @throws InterruptedException if the calling thread is interrupted while it waits
     * @throws ExecutionException if an application of {@code f} threw; its cause is what {@code f} threw
     */
    public static <T, R> List<R> map(ExecutorService pool, Function<? super T, ? extends R> f,
                                     List<? extends T> inputs) throws InterruptedException, ExecutionException {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(inputs, "inputs");
        CompletionService<R> completed = new ExecutorCompletionService<>(pool);
        List<Future<R>> inOrder = new ArrayList<>(inputs.size());
        try {
            for (T input : inputs) {
                dawdle();
                inOrder.add(completed.submit(() -> f.apply(input)));
            }
            // Wait in the order the tasks finish, not in input order: a failure is seen as soon as it happens,
            // even while a task before it in the list is still running.
            for (int i = 0; i < inOrder.size(); i++) {
                completed.take().get();
            }
            List<R> results = new ArrayList<>(inOrder.size());
            for (Future<R> future : inOrder) {
                results.add(future.get()); // every task has finished: this never waits
                dawdle();
            }
            return results;
        } finally {
            // After a failure or an interrupt, stop what still runs; on success every task is done and this does nothing.
            for (Future<R> future : inOrder) {
                future.cancel(true);
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
