package threadpool;

import gradelock.testkit.Points;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hidden tests of Fibonacci. A Fibonacci whose pool threads wait for tasks queued behind them does not fail
 * here, it starves: every pool thread waits, and so does the test, which waits without a time limit (the call itself,
 * or {@code Future.get()}) so that the grader's watchdog sees every thread of the test waiting and reports it as
 * "stalled" within a second, naming the line where the pool threads wait.
 */
@Timeout(10)
class FibonacciHiddenTests {

    private final List<ExecutorService> pools = new ArrayList<>();

    @AfterEach
    void stopThePools() throws InterruptedException {
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
        }
        for (ExecutorService pool : pools) {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private ExecutorService fixedPool(int threads, String name) {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> new Thread(task, name + "-" + number.incrementAndGet()));
        pools.add(pool);
        return pool;
    }

    @Test
    void computesTheFibonacciNumbersFrom0To35() throws Exception {
        ExecutorService pool = fixedPool(2, "fib-pool");
        long previous = 0;
        long current = 1;
        assertThat(Fibonacci.fib(0, pool)).as("fib(0)").isEqualTo(0);
        for (int n = 1; n <= 35; n++) {
            assertThat(Fibonacci.fib(n, pool)).as("fib(%d)", n).isEqualTo(current);
            long next = previous + current;
            previous = current;
            current = next;
        }
    }

    @Test
    @Points(3)
    void fib32CompletesOnAFixedPoolOfTwoThreads() throws Exception {
        assertThat(Fibonacci.fib(32, fixedPool(2, "fib-pool"))).as("fib(32) on a fixed pool of 2 threads").isEqualTo(2178309);
    }

    @Test
    @Points(2)
    void fib30CompletesOnAPoolOfOneThread() throws Exception {
        assertThat(Fibonacci.fib(30, fixedPool(1, "fib-single"))).as("fib(30) on a pool of 1 thread").isEqualTo(832040);
    }

    @Test
    @Points(3)
    void fib30CompletesWhenCalledFromATaskRunningOnItsOwnPoolOfOneThread() throws Exception {
        ExecutorService pool = fixedPool(1, "request-handler");

        // The caller is the pool's only thread: if fib makes it wait for tasks queued on that pool, nothing runs them.
        Future<Long> result = pool.submit(() -> Fibonacci.fib(30, pool));

        assertThat(result.get()).as("fib(30) called from a task on the same pool of 1 thread").isEqualTo(832040);
    }

    @Test
    @Points(2)
    void fib30HandsSubproblemsToThePoolItIsGiven() throws Exception {
        CountingExecutor pool = new CountingExecutor(fixedPool(2, "fib-pool"));

        long result = Fibonacci.fib(30, pool);

        assertThat(result).as("fib(30)").isEqualTo(832040);
        assertThat(pool.tasks())
                .as("how many tasks fib(30) handed to the pool it was given (a plain recursion, or tasks on another pool"
                        + " such as CompletableFuture's default ForkJoinPool.commonPool(), hand it none)")
                .isPositive();
        assertThat(pool.isShutdown()).as("pool.isShutdown() after fib returned: the pool is the caller's").isFalse();
    }
}
