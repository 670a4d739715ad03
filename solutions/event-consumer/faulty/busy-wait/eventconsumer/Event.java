package eventconsumer;

import java.util.concurrent.TimeUnit;

/**
 * A flag that threads wait for: the counterpart of Python's {@code threading.Event}.
 *
 * <p>A volatile flag, and waiters that keep looking at it.
 */
public final class Event {

    private volatile boolean flag;

    /** Sets the flag and wakes every thread waiting for it. */
    public void set() {
        flag = true;
    }

    /** Clears the flag: threads that call {@link #await()} from now on wait until the next {@link #set()}. */
    public void clear() {
        flag = false;
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return flag;
    }

    /**
     * Waits until the flag is set; returns at once if it already is.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public void await() throws InterruptedException {
        while (!flag) { // BUG: spins on the flag instead of sleeping until set() wakes it, burning a CPU core
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Waits until the flag is set, but at most {@code timeout}.
     *
     * @return {@code true} if the flag is set, {@code false} if the timeout passed first
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!flag) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
