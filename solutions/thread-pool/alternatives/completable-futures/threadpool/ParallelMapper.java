package threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Python's {@code executor.map(f, inputs)} on a borrowed pool, with a CompletableFuture per input for the result and
 * the Future of the pool's task kept for cancelling: {@code CompletableFuture.cancel(true)} does not interrupt
 * anything, {@code Future.cancel(true)} of a pool task does.
 */
public final class ParallelMapper {

    private ParallelMapper() {
    }

    /**
     * Applies {@code f} to every input as tasks on {@code pool}, all free to run at once; returns the results in input
     * order. If any application throws, cancels (with interruption) the tasks not yet finished and throws an
     * {@link ExecutionException} whose cause is what {@code f} threw. Never shuts the pool down.
     */
    public static <T, R> List<R> map(ExecutorService pool, Function<? super T, ? extends R> f,
                                     List<? extends T> inputs) throws InterruptedException, ExecutionException {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(inputs, "inputs");
        List<CompletableFuture<R>> results = new ArrayList<>(inputs.size());
        List<Future<?>> tasks = new ArrayList<>(inputs.size());
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        try {
            for (T input : inputs) {
                CompletableFuture<R> result = new CompletableFuture<>();
                results.add(result);
                tasks.add(pool.submit(() -> {
                    try {
                        result.complete(f.apply(input));
                    } catch (Throwable failure) {
                        result.completeExceptionally(failure);
                        firstFailure.completeExceptionally(failure);
                    }
                }));
            }
            // Ends when every result is in, or at the first failure, whichever comes first; get() reports the failure
            // as an ExecutionException whose cause is what f threw.
            CompletableFuture.anyOf(CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)), firstFailure).get();
            List<R> inOrder = new ArrayList<>(results.size());
            for (CompletableFuture<R> result : results) {
                inOrder.add(result.get());
            }
            return inOrder;
        } finally {
            for (Future<?> task : tasks) {
                task.cancel(true);
            }
        }
    }
}
