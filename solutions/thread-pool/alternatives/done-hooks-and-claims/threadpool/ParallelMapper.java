package threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Python's {@code executor.map(f, inputs)} on a borrowed pool, built from {@link FutureTask}'s {@code done()} hook: each
 * task, as it finishes, counts itself off, and the first one that failed opens the caller's latch at once.
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
        AtomicInteger unfinished = new AtomicInteger(inputs.size());
        CountDownLatch decided = new CountDownLatch(1); // all finished, or one failed
        AtomicReference<FutureTask<R>> firstFailed = new AtomicReference<>();

        final class Task extends FutureTask<R> {
            Task(T input) {
                super(() -> f.apply(input));
            }

            @Override
            protected void done() {
                if (!isCancelled() && failed() && firstFailed.compareAndSet(null, this)) {
                    decided.countDown();
                }
                if (unfinished.decrementAndGet() == 0) {
                    decided.countDown();
                }
            }

            private boolean failed() {
                try {
                    get(); // done: returns at once
                    return false;
                } catch (ExecutionException e) {
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }

        List<Task> tasks = new ArrayList<>(inputs.size());
        try {
            for (T input : inputs) {
                Task task = new Task(input);
                tasks.add(task);
                pool.execute(task);
            }
            if (!inputs.isEmpty()) {
                decided.await();
            }
            FutureTask<R> failed = firstFailed.get();
            if (failed != null) {
                failed.get(); // throws its ExecutionException, whose cause is what f threw
            }
            List<R> results = new ArrayList<>(tasks.size());
            for (Task task : tasks) {
                results.add(task.get());
            }
            return results;
        } finally {
            for (Task task : tasks) {
                task.cancel(true);
            }
        }
    }
}
