package eventconsumer;

import java.util.concurrent.TimeUnit;

/**
 * A flag that threads wait for: the counterpart of Python's {@code threading.Event}.
 *
 * <p>The reference guards the flag with this object's monitor. Waiters loop on the flag in {@code wait()},
 * {@link #set()} wakes all of them with {@code notifyAll()}, and the timed {@link #await(long, TimeUnit)} waits
 * for what is left of a deadline computed once.
 */
public final class Event {

    private boolean flag;

    /** Sets the flag and wakes every thread waiting for it. */
    public synchronized void set() {
        flag = true;
        notifyAll();
    }

    /** Clears the flag: threads that call {@link #await()} from now on wait until the next {@link #set()}. */
    public synchronized void clear() {
        flag = false;
    }

    /** Whether the flag is set. */
    public synchronized boolean isSet() {
        return flag;
    }

    /**
     * Waits until the flag is set; returns at once if it already is.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public synchronized void await() throws InterruptedException {
        while (!flag) {
            wait();
        }
    }

    /**
     * Waits until the flag is set, but at most {@code timeout}.
     *
     * @return {@code true} if the flag is set, {@code false} if the timeout passed first
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public synchronized boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        long deadline = System.nanoTime() + remaining;
        while (!flag) {
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            remaining = deadline - System.nanoTime();
        }
        return true;
    }
}
