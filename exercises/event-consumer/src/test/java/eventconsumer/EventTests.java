package eventconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public tests of {@link Event}, tasks 1 and 2 of the README. The grader runs these and further hidden tests.
 */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class EventTests {

    private static final Duration BLOCK_WITHIN = Duration.ofSeconds(5);

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopLeftoverThreads() throws InterruptedException {
        for (Thread thread : started) {
            thread.interrupt();
            thread.join(1_000);
        }
    }

    // Task 1: the flag

    @Test
    @DisplayName("1.1 A new event is not set; set() sets it and clear() clears it")
    void setAndClearTheFlag() {
        Event event = new Event();
        assertThat(event.isSet()).as("isSet() of a new Event").isFalse();

        event.set();
        assertThat(event.isSet()).as("isSet() after set()").isTrue();
        event.set();
        assertThat(event.isSet()).as("isSet() after set() twice").isTrue();

        event.clear();
        assertThat(event.isSet()).as("isSet() after clear()").isFalse();
    }

    // Task 2: waiting for the flag

    @Test
    @DisplayName("2.1 await() returns at once when the event is already set")
    void awaitReturnsAtOnceWhenSet() throws Exception {
        Event event = new Event();
        event.set();

        event.await();
        assertThat(event.await(1, TimeUnit.MILLISECONDS)).as("await(1 ms) on a set event").isTrue();
        assertThat(event.isSet()).as("isSet() after await() returned: waiting does not clear the flag").isTrue();
    }

    @Test
    @DisplayName("2.2 await() waits until another thread sets the event")
    void awaitWaitsUntilSet() throws Exception {
        Event event = new Event();
        Worker<Void> waiter = Worker.startVoid("waiter", event::await, started);

        await("thread 'waiter' waiting in await() on an event that is not set").atMost(Deadline.atMost(BLOCK_WITHIN).length())
                .until(() -> Waiting.isWaiting(waiter.thread) || waiter.isDone());
        assertThat(waiter.isDone()).as("whether await() returned although nobody had set the event").isFalse();

        event.set();
        waiter.result(BLOCK_WITHIN, "After set(), the thread waiting in await() should have returned");
    }

    @Test
    @DisplayName("2.3 set() wakes every waiting thread, not just one")
    void setWakesEveryWaitingThread() throws Exception {
        Event event = new Event();
        List<Worker<Void>> waiters = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Worker<Void> waiter = Worker.startVoid("waiter-" + i, event::await, started);
            waiters.add(waiter);
            await("thread '" + waiter.name() + "' waiting in await()").atMost(Deadline.atMost(BLOCK_WITHIN).length())
                    .until(() -> Waiting.isWaiting(waiter.thread));
        }

        event.set();
        for (Worker<Void> waiter : waiters) {
            waiter.result(BLOCK_WITHIN, "After set(), each of 3 threads waiting in await() should have returned (notifyAll, not notify)");
        }
    }

    @Test
    @DisplayName("2.4 await(timeout) returns false when the time is up, true when the event is set meanwhile")
    void timedAwait() throws Exception {
        Event event = new Event();
        long start = System.nanoTime();
        boolean result = event.await(200, TimeUnit.MILLISECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(result).as("await(200 ms) on an event nobody sets").isFalse();
        assertThat(elapsedMillis).as("milliseconds await(200 ms) waited before it returned false").isGreaterThanOrEqualTo(200);

        Worker<Boolean> waiter = Worker.start("timed-waiter", () -> event.await(20, TimeUnit.SECONDS), started);
        await("thread 'timed-waiter' waiting in await(20 s)").atMost(Deadline.atMost(BLOCK_WITHIN).length())
                .until(() -> Waiting.isWaiting(waiter.thread));
        event.set();
        assertThat(waiter.result(BLOCK_WITHIN, "After set(), the thread waiting in await(20 s) should have returned at once"))
                .as("what await(20 s) returned after another thread set the event").isTrue();
    }
}
