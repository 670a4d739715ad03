package threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The seed's recursive Fibonacci with a pool task for subproblems ({@code fib_threaded}), without its trap: a pool
 * thread that waits for a task queued behind it on the same pool can wait forever, once every thread of the pool
 * is doing the same.
 */
public final class Fibonacci {

    /** Below this the recursion runs on the current thread: a task costs far more than fib(19) does. */
    private static final int SEQUENTIAL_BELOW = 20;

    private Fibonacci() {
    }

    /**
     * Returns the {@code n}th Fibonacci number: fib(0) = 0, fib(1) = 1, fib(n) = fib(n - 1) + fib(n - 2). From
     * n = 25 up, subproblems are submitted to {@code pool} as tasks; smaller ones may be computed on the calling
     * thread. No thread of the pool ever waits for a task that is still queued on the same pool, so the call
     * completes on a fixed pool of any size, one thread included, and also when it is itself made from a task
     * running on {@code pool}. The pool is borrowed: never shut down.
     *
     * @param n which Fibonacci number, 0 to 92 (fib(93) does not fit in a {@code long})
     * @param pool where subproblems run; left running
     * @return fib(n)
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws InterruptedException if the calling thread is interrupted while it waits
     * @throws ExecutionException if a subproblem failed (which the arithmetic itself never does)
     */
    public static long fib(int n, ExecutorService pool) throws InterruptedException, ExecutionException {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        Objects.requireNonNull(pool, "pool");
        List<Future<Long>> parts = new ArrayList<>();
        split(n, pool, parts);
        long sum = 0;
        for (Future<Long> part : parts) {
            sum += part.get(); // BUG: if the caller is itself a thread of this pool, it waits for parts queued behind it
        }
        return sum;
    }

    /** Submits fib(n) as plain recursions of subproblems below the threshold. */
    private static void split(int n, ExecutorService pool, List<Future<Long>> parts) {
        if (n < SEQUENTIAL_BELOW) {
            parts.add(pool.submit(() -> sequential(n)));
            return;
        }
        split(n - 1, pool, parts);
        split(n - 2, pool, parts);
    }

    private static long sequential(int n) {
        return n < 2 ? n : sequential(n - 1) + sequential(n - 2);
    }
}
