package threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public tests of task 4 (Fibonacci). A Fibonacci that starves its pool does not fail here: it hangs. The
 * tests wait without a time limit on purpose, so that the grader sees every thread waiting and reports the test
 * as "stalled" within a second, naming the line where your pool threads wait.
 */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class FibonacciTests {

    private static final long[] FIBONACCI = {0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597,
            2584, 4181, 6765, 10946, 17711, 28657, 46368, 75025};

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

    private ExecutorService fixedPool(int threads) {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                task -> new Thread(task, "fib-pool-thread-" + number.incrementAndGet()));
        pools.add(pool);
        return pool;
    }

    @Test
    @DisplayName("4.1 fib(0) to fib(25) are 0, 1, 1, 2, 3, 5, ...")
    void computesTheFibonacciNumbers() throws Exception {
        ExecutorService pool = fixedPool(4);
        for (int n = 0; n < FIBONACCI.length; n++) {
            assertThat(Fibonacci.fib(n, pool)).as("fib(%d)", n).isEqualTo(FIBONACCI[n]);
        }
    }

    @Test
    @DisplayName("4.2 fib(30) completes on a fixed pool of 2 threads (the seed's fib_threaded never does)")
    void completesOnAFixedPoolOfTwo() throws Exception {
        assertThat(Fibonacci.fib(30, fixedPool(2))).as("fib(30) on a fixed pool of 2 threads").isEqualTo(832040);
    }

    @Test
    @DisplayName("4.3 fib(30) hands subproblems to the pool as tasks")
    void usesThePool() throws Exception {
        CountingExecutor pool = new CountingExecutor(fixedPool(2));

        long result = Fibonacci.fib(30, pool);

        assertThat(result).as("fib(30)").isEqualTo(832040);
        assertThat(pool.tasks()).as("how many tasks fib(30) handed to the pool it was given").isPositive();
    }
}
