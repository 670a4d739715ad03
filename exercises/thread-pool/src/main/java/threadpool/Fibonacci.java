package threadpool;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * The seed's recursive Fibonacci with a pool task for subproblems ({@code fib_threaded}), without its trap: a pool
 * thread that waits for a task queued behind it on the same pool can wait forever, once every thread of the pool
 * is doing the same.
 */
public final class Fibonacci {

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
        throw new UnsupportedOperationException(
                "TODO: hand subproblems to the pool without ever waiting in a pool thread for a queued task");
    }
}
