package eventconsumer;

import java.util.concurrent.TimeUnit;

/**
 * The reference's event (a flag guarded by this object's monitor, {@code notifyAll()} on set), made slower on purpose:
 * every operation dawdles for a fixed time outside the monitor, as a student's logging around each call would. A
 * waiting thread dawdles only once its wait is over, so waiting still uses no CPU, and a timed await that gives up
 * returns at its deadline.
 */
public final class Event {

    /** Extra cost of each operation, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 200_000;

    private boolean flag;

    /** Sets the flag and wakes every thread waiting for it. */
    public void set() {
        dawdle();
        synchronized (this) {
            flag = true;
            notifyAll();
        }
    }

    /** Clears the flag: threads that call {@link #await()} from now on wait until the next {@link #set()}. */
    public void clear() {
        dawdle();
        synchronized (this) {
            flag = false;
        }
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        dawdle();
        synchronized (this) {
            return flag;
        }
    }

    /**
     * Waits until the flag is set; returns at once if it already is.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public void await() throws InterruptedException {
        synchronized (this) {
            while (!flag) {
                wait();
            }
        }
        dawdle();
    }

    /**
     * Waits until the flag is set, but at most {@code timeout}.
     *
     * @return {@code true} if the flag is set, {@code false} if the timeout passed first
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        synchronized (this) {
            long remaining = unit.toNanos(timeout);
            long deadline = System.nanoTime() + remaining;
            while (!flag) {
                if (remaining <= 0) {
                    return false; // no dawdling here: a timeout must end on time
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
                remaining = deadline - System.nanoTime();
            }
        }
        dawdle();
        return true;
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path, never while waiting. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
