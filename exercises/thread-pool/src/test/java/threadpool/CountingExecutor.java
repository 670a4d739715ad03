package threadpool;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor service that passes everything on to another one and counts the tasks handed to it, whichever
 * method handed them ({@code execute}, {@code submit}, {@code invokeAll}, {@code CompletableFuture.supplyAsync(...,
 * executor)}): all of them arrive at {@link #execute(Runnable)}. The tests use it to see that your code gave work
 * to the pool it was handed.
 */
final class CountingExecutor extends AbstractExecutorService {

    private final ExecutorService delegate;
    private final AtomicInteger tasks = new AtomicInteger();

    CountingExecutor(ExecutorService delegate) {
        this.delegate = delegate;
    }

    /** How many tasks were handed to this executor so far. */
    int tasks() {
        return tasks.get();
    }

    @Override
    public void execute(Runnable command) {
        tasks.incrementAndGet();
        delegate.execute(command);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
