package threadpool;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;

/**
 * The seed's recursive Fibonacci with a pool task for subproblems ({@code fib_threaded}), without its trap: a pool
 * thread that waits for a task queued behind it on the same pool can wait forever, once every thread of the pool
 * is doing the same.
 *
 * <p>Made slower on purpose: every subproblem handed to the pool first dawdles for a fixed time, as a student's
 * logging of each split would.
 */
public final class Fibonacci {

    /** Below this the recursion runs on the current thread: a task costs far more than fib(19) does. */
    private static final int SEQUENTIAL_BELOW = 20;
    /** Extra cost of each split into a task, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 70_000;

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
        return fork(n, pool);
    }

    /**
     * Hands fib(n - 1) to the pool, computes fib(n - 2) here, then takes fib(n - 1) back if no pool thread has
     * started it. So a thread waits only for a task that another thread is running right now, never for one in
     * the queue, and the running one in turn waits only for running ones: nothing can starve.
     */
    private static long fork(int n, ExecutorService pool) throws InterruptedException, ExecutionException {
        if (n < SEQUENTIAL_BELOW) {
            return sequential(n);
        }
        dawdle();
        FutureTask<Long> larger = new FutureTask<>(() -> fork(n - 1, pool));
        pool.execute(larger);
        long smaller = fork(n - 2, pool);
        larger.run(); // runs it on this thread if it is still queued; does nothing if a pool thread took it
        return smaller + larger.get();
    }

    private static long sequential(int n) {
        return n < 2 ? n : sequential(n - 1) + sequential(n - 2);
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path, never while waiting. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
