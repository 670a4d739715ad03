package eventconsumer;

import java.util.concurrent.TimeUnit;

/**
 * A flag that threads wait for, on a private monitor, with a generation count: each {@link #set()} of a cleared
 * event starts a new generation, and a waiter returns once the generation it started waiting in has ended, even if
 * the flag was cleared again since (the way Python's {@code threading.Event} behaves).
 */
public final class Event {

    private final Object lock = new Object();
    private boolean flag;
    private long generation;

    public void set() {
        synchronized (lock) {
            if (!flag) {
                flag = true;
                generation++;
                lock.notifyAll();
            }
        }
    }

    public void clear() {
        synchronized (lock) {
            flag = false;
        }
    }

    public boolean isSet() {
        synchronized (lock) {
            return flag;
        }
    }

    public void await() throws InterruptedException {
        synchronized (lock) {
            long waitingIn = generation;
            while (!flag && generation == waitingIn) {
                lock.wait();
            }
        }
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            long waitingIn = generation;
            while (!flag && generation == waitingIn) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
            return true;
        }
    }
}
