package threadpool;

import gradelock.testkit.Points;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of ParallelMapper. Every ordering they rely on is forced: tasks meet at a barrier to prove they
 * run at once, a task waits until the pool has finished another one (seen from the pool's own afterExecute, after
 * the task's Future is complete) to force the order in which tasks finish, and a task blocks on a latch that only an
 * interrupt ends to prove that map cancels with interruption. Waits that a bug could make endless are without a time
 * limit where the grader's watchdog should report the stall, and with one where a failure message says more.
 */
@Timeout(10)
class ParallelMapperHiddenTests {

    private final List<ExecutorService> pools = new ArrayList<>();
    private final List<CountDownLatch> gates = new ArrayList<>();

    @AfterEach
    void stopThePools() throws InterruptedException {
        for (CountDownLatch gate : gates) {
            gate.countDown();
        }
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
        }
        for (ExecutorService pool : pools) {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A fixed pool whose threads are named, and which tells {@code finished} after each task it ran (Future complete). */
    private ThreadPoolExecutor fixedPool(int threads, String name) {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> new Thread(task, name + "-" + number.incrementAndGet())) {
            @Override
            protected void afterExecute(Runnable task, Throwable thrown) {
                Runnable whenDone = AFTER_TASK.get();
                AFTER_TASK.remove();
                if (whenDone != null) {
                    whenDone.run();
                }
            }
        };
        pools.add(pool);
        return pool;
    }

    /** What the pool thread should do once the task it runs has finished and its Future is complete. */
    private static final ThreadLocal<Runnable> AFTER_TASK = new ThreadLocal<>();

    private CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    @Test
    @Points(2)
    void eightTasksRunAtTheSameTimeOnAPoolOfEight() throws Exception {
        CyclicBarrier allEight = new CyclicBarrier(8);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Deadline deadline = Deadline.atMostSeconds(5);

        List<Integer> results = ParallelMapper.map(fixedPool(8, "map-pool"), x -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                allEight.await(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                // the eight never ran together (or one gave up): reported below
            } finally {
                running.decrementAndGet();
            }
            return x * 2;
        }, List.of(1, 2, 3, 4, 5, 6, 7, 8));

        if (mostAtOnce.get() < 8) {
            fail("On a pool of 8 threads, map of 8 inputs ran at most %d of its tasks at the same time: each task waited"
                    + " for the other seven to be running and they did not come within %s. All tasks must be free to run"
                    + " at once: submit every task first, then wait for the results (a get() right after each submit()"
                    + " runs them one at a time).", mostAtOnce.get(), deadline);
        }
        assertThat(results).containsExactly(2, 4, 6, 8, 10, 12, 14, 16);
    }

    @Test
    @Points(2)
    void resultsFollowTheInputsEvenWhenLaterInputsFinishFirst() throws Exception {
        int inputs = 5;
        CountDownLatch[] finished = new CountDownLatch[inputs + 1];
        for (int i = 0; i <= inputs; i++) {
            finished[i] = new CountDownLatch(i == inputs ? 0 : 1);
        }

        List<String> results = ParallelMapper.map(fixedPool(inputs, "map-pool"), i -> {
            try {
                // Input i finishes only after the pool has finished input i + 1: the last input finishes first. Not
                // shortened to the test's limit under the grader: a map that runs one task at a time never gets input
                // i + 1 finished here, and waits cut short would let it return the right list (it times out instead).
                finished[i + 1].await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            AFTER_TASK.set(finished[i]::countDown);
            return "result of " + i;
        }, List.of(0, 1, 2, 3, 4));

        assertThat(results)
                .as("what map returned for inputs [0, 1, 2, 3, 4] whose tasks finished in the order 4, 3, 2, 1, 0; the"
                        + " results must be in the order of the inputs, not in the order the tasks finished")
                .containsExactly("result of 0", "result of 1", "result of 2", "result of 3", "result of 4");
    }

    @Test
    @Points(3)
    void aFailureIsActedOnAtOnceAndInterruptsAnEarlierInputStillRunning() throws Exception {
        CountDownLatch blockerRunning = new CountDownLatch(1);
        CountDownLatch neverOpened = gate();
        CountDownLatch blockerInterrupted = new CountDownLatch(1);
        IllegalStateException failure = new IllegalStateException("input 'thrower' failed");

        // No time limit here: a map that waits for the inputs in their order waits for 'blocker' forever, and the
        // grader reports that as a stall, naming the line where map waits.
        Throwable thrown = catchThrowable(() -> ParallelMapper.map(fixedPool(2, "map-pool"), input -> {
            if (input.equals("blocker")) {
                blockerRunning.countDown();
                try {
                    neverOpened.await();
                } catch (InterruptedException e) {
                    blockerInterrupted.countDown();
                }
                return "blocker ended";
            }
            try {
                blockerRunning.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw failure;
        }, List.of("blocker", "thrower")));

        assertThat(thrown).as("what map threw when f threw for input 'thrower' while input 'blocker' still ran")
                .isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).as("the cause of the ExecutionException map threw").isSameAs(failure);
        Deadline deadline = Deadline.atMostSeconds(5);
        if (!blockerInterrupted.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("When f threw for input 'thrower', the task of input 'blocker' was still running (waiting on a latch that"
                    + " only an interrupt ends), and it was not interrupted within " + deadline + " after map threw. map"
                    + " must cancel every task not yet finished with cancel(true), which interrupts a running task;"
                    + " cancel(false) only stops tasks that have not started.");
        }
    }

    @Test
    @Points(2)
    void theExceptionFThrewIsTheCauseUnchanged() throws Exception {
        ThreadPoolExecutor pool = fixedPool(3, "map-pool");
        IllegalArgumentException runtime = new IllegalArgumentException("bad input 3");
        Error error = new ErrorInF("an Error, not an Exception: thrown by f for input 2");

        for (Throwable failure : new Throwable[] {runtime, error}) {
            Throwable thrown = catchThrowable(() -> ParallelMapper.map(pool, x -> {
                if (x == (failure == runtime ? 3 : 2)) {
                    if (failure instanceof Error e) {
                        throw e;
                    }
                    throw (RuntimeException) failure;
                }
                return x;
            }, List.of(1, 2, 3, 4)));

            if (thrown == null) {
                fail("f threw %s for one of the inputs, but map returned normally instead of throwing an"
                        + " ExecutionException. A failure must not be swallowed or turned into a null result.", failure);
            }
            assertThat(thrown).as("what map threw when f threw %s", failure).isInstanceOf(ExecutionException.class);
            assertThat(thrown.getCause())
                    .as("the cause of the ExecutionException map threw, when f threw %s (it must be that very object,"
                            + " not wrapped again)", failure)
                    .isSameAs(failure);
        }
    }

    @Test
    @Points(2)
    void neverShutsThePoolDownWhetherMapSucceedsOrFails() throws Exception {
        ThreadPoolExecutor pool = fixedPool(2, "borrowed-pool");

        ParallelMapper.map(pool, x -> x, List.of(1, 2, 3));
        assertThat(pool.isShutdown()).as("pool.isShutdown() after a map that succeeded").isFalse();

        catchThrowable(() -> ParallelMapper.map(pool, x -> {
            throw new IllegalStateException("f failed for " + x);
        }, List.of(1, 2, 3)));
        assertThat(pool.isShutdown())
                .as("pool.isShutdown() after a map in which f threw: the pool belongs to the caller, so map must cancel"
                        + " its own tasks, not shut the pool down")
                .isFalse();
        assertThat(ParallelMapper.map(pool, x -> x + 1, List.of(1, 2))).as("a further map on the same pool")
                .containsExactly(2, 3);
    }

    @Test
    @Points(2)
    void anInterruptedCallerGetsInterruptedException() throws Exception {
        ThreadPoolExecutor pool = fixedPool(2, "map-pool");
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch gate = gate();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(ParallelMapper.map(pool, x -> {
                    bothRunning.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return x;
                }, List.of(1, 2)));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "caller-of-map");
        caller.start();
        Deadline running = Deadline.atMostSeconds(5);
        if (!bothRunning.await(running.toMillis(), TimeUnit.MILLISECONDS)) {
            gate.countDown();
            caller.join(5_000); // let the caller end before the test does (not shortened: the test has already failed)
            fail("map of 2 inputs on a pool of 2 threads, called from thread 'caller-of-map', did not have both tasks"
                    + " running within %s; map ended %s", running, describe(outcome.get()));
        }

        caller.interrupt();
        Deadline released = Deadline.atMostSeconds(5);
        caller.join(released.length());

        if (caller.isAlive()) {
            gate.countDown();
            caller.join(5_000); // let the caller end before the test does (not shortened: the test has already failed)
            fail("Thread 'caller-of-map' was interrupted while map waited for its tasks, and map went on waiting for %s;"
                    + " then its tasks were let go, and it returned %s. An interrupted map must stop waiting and throw"
                    + " InterruptedException, not catch the interrupt and wait again.", released, describe(outcome.get()));
        }
        assertThat(outcome.get()).as("what map did when its calling thread was interrupted while it waited")
                .isInstanceOf(InterruptedException.class);
    }

    @Test
    void aNullResultKeepsItsPlace() throws Exception {
        List<String> results;
        try {
            results = ParallelMapper.map(fixedPool(2, "map-pool"), x -> x % 2 == 0 ? null : "odd " + x, List.of(0, 1, 2, 3));
        } catch (RuntimeException e) {
            throw new AssertionError("f returned null for inputs 0 and 2, and map threw " + e + " instead of returning a"
                    + " list with null at those places (List.of and List.copyOf reject null elements; ArrayList does not)", e);
        }

        assertThat(results).as("map of [0, 1, 2, 3] with f returning null for even inputs")
                .containsExactly(null, "odd 1", null, "odd 3");
    }

    private static String describe(Object outcome) {
        return outcome instanceof Throwable t ? "by throwing " + t : String.valueOf(outcome);
    }

    /** An Error of the test's own: JUnit treats some JDK errors (OutOfMemoryError) as fatal. */
    private static final class ErrorInF extends Error {
        ErrorInF(String message) {
            super(message);
        }
    }
}
