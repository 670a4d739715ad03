package eventconsumer;

import gradelock.testkit.Activity;
import gradelock.testkit.Points;
import gradelock.testkit.Threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of {@link Event}. Threads are seen waiting (never assumed to after a sleep); where a bug would
 * strand a thread, the test waits for it without a time limit, so the grader's watchdog reports the stall at once
 * and names the line. solutions/event-consumer/DESIGN.md says which test catches which bug.
 */
@Timeout(5)
class EventHiddenTests {

    private static final Duration BLOCK_WITHIN = Duration.ofSeconds(3);
    private static final Duration WATCH = Duration.ofMillis(300);

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopLeftoverThreads() throws InterruptedException {
        // A failed test can leave threads waiting (or spinning) in the event; they must not disturb later tests.
        for (Thread thread : started) {
            thread.interrupt();
        }
        for (Thread thread : started) {
            thread.join(1_000);
        }
    }

    @Test
    void setAndClearAreIdempotent() {
        Event event = new Event();
        assertThat(event.isSet()).as("isSet() of a new Event").isFalse();
        event.clear();
        assertThat(event.isSet()).as("isSet() after clear() on a new Event").isFalse();
        event.set();
        event.set();
        assertThat(event.isSet()).as("isSet() after set() twice").isTrue();
        event.clear();
        event.clear();
        assertThat(event.isSet()).as("isSet() after clear() twice").isFalse();
        event.set();
        assertThat(event.isSet()).as("isSet() after set(), clear(), set()").isTrue();
    }

    @Test
    void awaitOnASetEventReturnsAtOnceAndLeavesItSet() throws InterruptedException {
        Event event = new Event();
        event.set();

        // On the test's own thread and without a limit: an await() that waits anyway is reported as stalled.
        event.await();
        assertThat(event.await(0, TimeUnit.SECONDS)).as("await(0 s) on a set event").isTrue();
        assertThat(event.await(-1, TimeUnit.SECONDS)).as("await(-1 s) on a set event").isTrue();
        assertThat(event.await(1, TimeUnit.DAYS)).as("await(1 day) on a set event").isTrue();
        assertThat(event.isSet()).as("isSet() after several awaits returned: waiting must not clear the flag").isTrue();
    }

    @Test
    void awaitWaitsUntilAnotherThreadSetsTheEvent() throws Exception {
        Event event = new Event();
        Worker<Void> waiter = Worker.startVoid("waiter", event::await, started);
        awaitWaiting(waiter, "await() on an event that is not set");

        event.set();
        waiter.result();
    }

    @Test
    @Points(3)
    void setWakesEveryWaitingThread() throws Exception {
        Event event = new Event();
        List<Worker<Void>> waiters = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Worker<Void> waiter = Worker.startVoid("waiter-" + i, event::await, started);
            waiters.add(waiter);
            awaitWaiting(waiter, "await() on an event that is not set");
        }

        event.set();
        // Without a time limit: waiters that set() did not wake wait forever, and the grader reports the stall.
        for (Worker<Void> waiter : waiters) {
            waiter.result();
        }
    }

    @Test
    void setWakesEveryThreadInATimedAwait() throws Exception {
        Event event = new Event();
        List<Worker<Boolean>> waiters = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Worker<Boolean> waiter = Worker.start("timed-waiter-" + i, () -> event.await(30, TimeUnit.SECONDS), started);
            waiters.add(waiter);
            awaitWaiting(waiter, "await(30 s) on an event that is not set");
        }

        event.set();
        for (Worker<Boolean> waiter : waiters) {
            assertThat(waiter.result(BLOCK_WITHIN, "After set(), each of 3 threads in await(30 s) should have returned at once"))
                    .as("what await(30 s) returned in thread '%s' after set()", waiter.name()).isTrue();
        }
    }

    @Test
    @Points(2)
    void timedAwaitOnAnUnsetEventReturnsFalseOnlyWhenItsTimeoutHasPassed() throws InterruptedException {
        Event event = new Event();
        // Seconds first: an await that takes every timeout as milliseconds gives up after 1 ms here, rather than
        // waiting 400 s for the microseconds below.
        assertTimesOut(event, 1, TimeUnit.SECONDS);
        assertTimesOut(event, 200, TimeUnit.MILLISECONDS);
        assertTimesOut(event, 400_000, TimeUnit.MICROSECONDS);
    }

    @Test
    void aTimeoutOfZeroOrLessDoesNotWait() throws InterruptedException {
        Event event = new Event();
        // On the test's own thread: wait(0) means "forever", and the grader reports the stall.
        assertThat(event.await(0, TimeUnit.MILLISECONDS)).as("await(0 ms) on an event that is not set").isFalse();
        assertThat(event.await(-5, TimeUnit.SECONDS)).as("await(-5 s) on an event that is not set").isFalse();
        assertThat(event.await(-1, TimeUnit.NANOSECONDS)).as("await(-1 ns) on an event that is not set").isFalse();
    }

    @Test
    void timedAwaitReturnsTrueAsSoonAsTheEventIsSet() throws Exception {
        Event event = new Event();
        Worker<Boolean> waiter = Worker.start("timed-waiter", () -> event.await(Long.MAX_VALUE, TimeUnit.NANOSECONDS), started);
        awaitWaiting(waiter, "await(Long.MAX_VALUE ns) on an event that is not set");

        event.set();
        assertThat(waiter.result(BLOCK_WITHIN, "After set(), the thread in await(Long.MAX_VALUE ns) should have returned at once"))
                .as("what await(Long.MAX_VALUE ns) returned after set()").isTrue();
    }

    @Test
    @Points(2)
    void aThreadInterruptedWhileItWaitsThrowsInterruptedException() throws Exception {
        Event event = new Event();
        Worker<Void> waiter = Worker.startVoid("waiter", event::await, started);
        Worker<Boolean> timedWaiter = Worker.start("timed-waiter", () -> event.await(30, TimeUnit.SECONDS), started);
        awaitWaiting(waiter, "await() on an event that is not set");
        awaitWaiting(timedWaiter, "await(30 s) on an event that is not set");

        waiter.thread.interrupt();
        timedWaiter.thread.interrupt();
        // Without a time limit for await(): one that catches the interrupt and waits on is reported as stalled.
        assertThat(waiter.thrown()).as("what await() threw in a thread interrupted while it waited")
                .isInstanceOf(InterruptedException.class);
        assertThat(timedWaiter.thrown(BLOCK_WITHIN, "After an interrupt, await(30 s) should have thrown InterruptedException at once"))
                .as("what await(30 s) threw in a thread interrupted while it waited")
                .isInstanceOf(InterruptedException.class);
        assertThat(event.isSet()).as("isSet() after interrupted waits: an interrupt must not set the event").isFalse();
    }

    @Test
    @Points(3)
    void aWaitingThreadUsesNoCpu() throws Exception {
        Event event = new Event();
        CountDownLatch aboutToWait = new CountDownLatch(2);
        Worker<Void> waiter = Worker.startVoid("waiter", () -> {
            aboutToWait.countDown();
            event.await();
        }, started);
        Worker<Boolean> timedWaiter = Worker.start("timed-waiter", () -> {
            aboutToWait.countDown();
            return event.await(30, TimeUnit.SECONDS);
        }, started);
        aboutToWait.await();

        // No waiting for the threads to park first: a spinning waiter never parks, and the watch below is what says so.
        Activity untimed = Threads.activityOver(waiter.thread, WATCH);
        Activity timed = Threads.activityOver(timedWaiter.thread, WATCH);
        event.set(); // before any assertion, so that a spinner stops spinning
        if (untimed.looksBusy() || timed.looksBusy()) {
            fail("Threads waiting for an event that is not set should sleep until set() wakes them, but the thread in"
                    + " await() %s, and the thread in await(30 s) %s. Wait with wait(), a Condition or a latch,"
                    + " not in a loop that checks the flag, yields or sleeps and checks again.",
                    untimed.describe(), timed.describe());
        }
        assertThat(untimed.ended()).as("whether await() returned although nobody had set the event").isFalse();
        assertThat(timed.ended()).as("whether await(30 s) returned although nobody had set the event").isFalse();
        waiter.result();
        assertThat(timedWaiter.result()).as("what await(30 s) returned after set()").isTrue();
    }

    private static void assertTimesOut(Event event, long timeout, TimeUnit unit) throws InterruptedException {
        long start = System.nanoTime();
        // On the test's own thread and without a limit: a timed await() that waits forever is reported as stalled.
        boolean result = event.await(timeout, unit);
        long elapsed = System.nanoTime() - start;
        assertThat(result).as("await(%d %s) on an event that nobody sets", timeout, unit).isFalse();
        if (elapsed < unit.toNanos(timeout)) {
            fail("await(%d %s) on an event that nobody sets should return false once %d ms have passed, but it returned"
                    + " after %.1f ms. Convert the timeout with its unit (unit.toNanos(timeout)), and after a wake-up"
                    + " wait again for the time that is left.", timeout, unit, unit.toMillis(timeout), elapsed / 1e6);
        }
    }

    private static void awaitWaiting(Worker<?> worker, String what) {
        Thread.State state = Waiting.awaitWaiting(worker.thread, BLOCK_WITHIN);
        if (state == Thread.State.TERMINATED) {
            fail("Thread '%s' should be waiting in %s, but it has already ended: %s", worker.name(), what, worker.outcome());
        }
    }
}
