package threadpool;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One half on the pool, the other on this thread, like the seed's fib_threaded split in two: but the half given to
 * the pool carries a claim flag, and whoever gets to it first computes it. A thread that finishes its own half and
 * finds the other unclaimed (still in the queue, perhaps behind itself) computes it itself instead of waiting.
 */
public final class Fibonacci {

    private static final int SEQUENTIAL_BELOW = 22;

    private Fibonacci() {
    }

    /** fib(0) = 0, fib(1) = 1; no thread ever waits for a half that is still queued. */
    public static long fib(int n, ExecutorService pool) throws InterruptedException, ExecutionException {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        Objects.requireNonNull(pool, "pool");
        return split(n, pool);
    }

    private static long split(int n, ExecutorService pool) throws InterruptedException, ExecutionException {
        if (n < SEQUENTIAL_BELOW) {
            return sequential(n);
        }
        AtomicBoolean claimed = new AtomicBoolean();
        CompletableFuture<Long> larger = new CompletableFuture<>();
        pool.execute(() -> {
            if (claimed.compareAndSet(false, true)) {
                try {
                    larger.complete(split(n - 1, pool));
                } catch (Throwable failure) {
                    larger.completeExceptionally(failure);
                }
            }
        });
        long smaller = split(n - 2, pool);
        if (claimed.compareAndSet(false, true)) {
            return smaller + split(n - 1, pool); // nobody took it: compute it here
        }
        return smaller + larger.get(); // a pool thread is computing it right now
    }

    private static long sequential(int n) {
        return n < 2 ? n : sequential(n - 1) + sequential(n - 2);
    }
}
