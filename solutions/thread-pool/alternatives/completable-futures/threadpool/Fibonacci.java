package threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The recursion is unrolled on the calling thread down to subproblems below a threshold, each of which becomes a
 * plain recursion that a pool thread or the caller claims, whichever gets to it first. Pool tasks never wait for
 * anything; the caller waits only for parts that a pool thread is computing at that moment, so even a caller that is
 * the only thread of the same pool completes (it claims every part itself).
 */
public final class Fibonacci {

    private static final int SEQUENTIAL_BELOW = 20;

    private Fibonacci() {
    }

    /** A subproblem fib(n) that exactly one thread computes: the first to claim it. */
    private static final class Part implements Runnable {
        private final int n;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<Long> value = new CompletableFuture<>();

        Part(int n) {
            this.n = n;
        }

        @Override
        public void run() {
            if (claimed.compareAndSet(false, true)) {
                value.complete(sequential(n));
            }
        }

        long join() throws InterruptedException, ExecutionException {
            run(); // computes it here unless another thread claimed it first
            return value.get(); // that thread is computing it right now
        }
    }

    /**
     * fib(0) = 0, fib(1) = 1; subproblems run on the pool, and no pool thread ever waits for a task queued behind it.
     */
    public static long fib(int n, ExecutorService pool) throws InterruptedException, ExecutionException {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        Objects.requireNonNull(pool, "pool");
        List<Part> parts = new ArrayList<>();
        unroll(n, parts);
        for (Part part : parts) {
            pool.execute(part);
        }
        long sum = 0;
        for (Part part : parts) {
            sum += part.join();
        }
        return sum;
    }

    /** fib(n) is the sum of fib over the parts: n itself when small, otherwise the parts of n - 1 and of n - 2. */
    private static void unroll(int n, List<Part> parts) {
        if (n < SEQUENTIAL_BELOW) {
            parts.add(new Part(n));
            return;
        }
        unroll(n - 1, parts);
        unroll(n - 2, parts);
    }

    private static long sequential(int n) {
        return n < 2 ? n : sequential(n - 1) + sequential(n - 2);
    }
}
