package eventconsumer;

import java.util.concurrent.TimeUnit;

/**
 * A flag that threads can wait for: the counterpart of Python's {@code threading.Event}.
 *
 * <p>One thread {@link #set() sets} the flag, and every thread waiting in {@link #await()} for it goes on. The flag
 * stays set until someone {@link #clear() clears} it; while it is set, {@code await()} returns at once. Waiting
 * threads use no CPU: they block (in {@code wait()}, on a {@code Condition}, ...) until they are woken, never spin.
 *
 * <p>Any number of threads may use one event at the same time.
 */
public final class Event {

    /** Sets the flag and wakes every thread waiting for it. Setting a set event changes nothing. */
    public void set() {
        throw new UnsupportedOperationException("TODO: set the flag, then wake every waiting thread (not just one)");
    }

    /** Clears the flag: from now on {@link #await()} waits until the next {@link #set()}. */
    public void clear() {
        throw new UnsupportedOperationException("TODO: clear the flag");
    }

    /**
     * Whether the flag is set.
     *
     * @return {@code true} if the flag is set
     */
    public boolean isSet() {
        throw new UnsupportedOperationException("TODO: read the flag under the lock that guards it");
    }

    /**
     * Waits until the flag is set; returns at once if it already is. Does not clear the flag.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public void await() throws InterruptedException {
        throw new UnsupportedOperationException("TODO: wait in a loop while the flag is not set");
    }

    /**
     * Waits until the flag is set, but at most {@code timeout}; returns {@code true} at once if it already is set.
     * A timeout of zero or less means: do not wait.
     *
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @return {@code true} if the flag is set, {@code false} if the timeout passed before it was
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: compute a deadline once, then wait in a loop for the time left while the flag is not set");
    }
}
