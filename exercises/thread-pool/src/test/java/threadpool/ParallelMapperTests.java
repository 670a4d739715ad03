package threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * The public tests of tasks 1 and 2 (ParallelMapper), numbered after the tasks in README.md. Each test makes its
 * own pool with named threads and shuts it down afterwards.
 */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class ParallelMapperTests {

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
                task -> new Thread(task, "map-pool-thread-" + number.incrementAndGet()));
        pools.add(pool);
        return pool;
    }

    // Task 1: every input a task, all free to run at once, results in input order

    @Test
    @DisplayName("1.1 map returns f of every input, in the order of the inputs")
    void returnsTheResultsInInputOrder() throws Exception {
        List<Integer> squares = ParallelMapper.map(fixedPool(3), x -> x * x, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

        assertThat(squares).as("map(pool, x -> x * x, [1..10])").containsExactly(1, 4, 9, 16, 25, 36, 49, 64, 81, 100);
    }

    @Test
    @DisplayName("1.2 map of no inputs is an empty list")
    void mapOfNothingIsEmpty() throws Exception {
        assertThat(ParallelMapper.map(fixedPool(2), x -> x, List.of())).as("map(pool, f, [])").isEmpty();
    }

    @Test
    @DisplayName("1.3 On a pool of 4 threads, 4 tasks run at the same time")
    void allTasksRunAtOnce() throws Exception {
        CyclicBarrier allFour = new CyclicBarrier(4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Deadline deadline = Deadline.atMostSeconds(5);

        List<String> results = ParallelMapper.map(fixedPool(4), name -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                allFour.await(deadline.toMillis(), TimeUnit.MILLISECONDS); // each task waits here until all four are running
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                // not all four ever ran together: the check below says so
            } finally {
                running.decrementAndGet();
            }
            return name.toUpperCase();
        }, List.of("a", "b", "c", "d"));

        if (mostAtOnce.get() < 4) {
            fail("On a pool of 4 threads, map of 4 inputs ran at most %d of the tasks at the same time; each task waited"
                    + " for the other three to be running and none came within %s. Submit every task first, then wait"
                    + " for the results: a get() right after each submit() runs them one at a time.", mostAtOnce.get(), deadline);
        }
        assertThat(results).containsExactly("A", "B", "C", "D");
    }

    // Task 2: failures, and a pool that stays the caller's

    @Test
    @DisplayName("2.1 When f throws, map throws an ExecutionException whose cause is what f threw")
    void aFailureIsAnExecutionExceptionWithFsException() {
        IllegalArgumentException failure = new IllegalArgumentException("no square root of -1 here");

        Throwable thrown = catchThrowable(() -> ParallelMapper.map(fixedPool(2), x -> {
            if (x < 0) {
                throw failure;
            }
            return Math.sqrt(x);
        }, List.of(4, -1, 9)));

        assertThat(thrown).as("what map threw when f threw for one input").isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).as("the cause of the ExecutionException").isSameAs(failure);
    }

    @Test
    @DisplayName("2.2 map leaves the pool running: it belongs to the caller")
    void leavesThePoolRunning() throws Exception {
        ExecutorService pool = fixedPool(2);

        ParallelMapper.map(pool, x -> x + 1, List.of(1, 2, 3));

        assertThat(pool.isShutdown()).as("pool.isShutdown() after map returned").isFalse();
        assertThat(ParallelMapper.map(pool, x -> x * 10, List.of(1, 2))).as("a second map on the same pool")
                .containsExactly(10, 20);
    }
}
