package eventconsumer;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.fail;

/**
 * Test support: whether a thread waits. A thread waits if the JVM sees it parked (waiting, timed waiting, or blocked
 * on a monitor), or if it is running inside {@link Event#await()} or {@link Event#await(long, java.util.concurrent.TimeUnit)}:
 * an event that spins while it waits is still waiting, so the tests of the consumer and the alarm go on with it. Its
 * wasted CPU costs points in one test of its own, not in every test that waits.
 */
final class Waiting {

    private static final Set<Thread.State> PARKED =
            EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED);
    /** How long a thread must be seen running in Event.await, in every look, to count as (spinning and) waiting. */
    private static final Duration SPINNING_FOR = Duration.ofMillis(200);
    private static final long LOOK_EVERY_NANOS = Duration.ofMillis(2).toNanos();

    private Waiting() {
    }

    /** Whether {@code thread} is parked, or running inside {@code Event.await}, right now. */
    static boolean isWaiting(Thread thread) {
        Thread.State state = thread.getState();
        return PARKED.contains(state) || state == Thread.State.RUNNABLE && isInEventAwait(thread);
    }

    /**
     * Waits until {@code thread} has stopped: it is parked, has ended, or has been seen running inside
     * {@code Event.await} in every look for 200 ms (a spinning event). Returns the state it was last seen in.
     *
     * @throws AssertionError if it did neither within {@code atMost} (under the grader, no longer than the test's
     *         limit: {@link Deadline})
     */
    static Thread.State awaitWaiting(Thread thread, Duration atMost) {
        Deadline wait = Deadline.atMost(atMost);
        long deadline = wait.endNanosFromNow();
        long spinningSince = 0;
        boolean spinning = false;
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.TERMINATED || PARKED.contains(state)) {
                return state;
            }
            long now = System.nanoTime();
            if (state == Thread.State.RUNNABLE && isInEventAwait(thread)) {
                if (!spinning) {
                    spinning = true;
                    spinningSince = now;
                } else if (now - spinningSince >= SPINNING_FOR.toNanos()) {
                    return state;
                }
            } else {
                spinning = false;
            }
            if (now - deadline > 0) {
                return fail("Expected thread '%s' to wait within %s, but it was still %s at %s", thread.getName(),
                        wait, state, Arrays.toString(thread.getStackTrace()));
            }
            LockSupport.parkNanos(LOOK_EVERY_NANOS); // the pace of the looks, not synchronization
        }
    }

    private static boolean isInEventAwait(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals("eventconsumer.Event")
                        && frame.getMethodName().equals("await"));
    }
}
