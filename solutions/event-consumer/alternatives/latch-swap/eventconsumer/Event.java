package eventconsumer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A flag that threads wait for, built from one-shot latches: the current latch is open while the event is set.
 * {@link #set()} opens it (every thread waiting on it goes on); {@link #clear()} of a set event puts a new, closed
 * latch in its place. A waiter waits on the latch that was current when it looked.
 */
public final class Event {

    private final Object swap = new Object();
    private volatile CountDownLatch latch = new CountDownLatch(1);

    public void set() {
        synchronized (swap) {
            latch.countDown();
        }
    }

    public void clear() {
        synchronized (swap) {
            if (latch.getCount() == 0) {
                latch = new CountDownLatch(1);
            }
        }
    }

    public boolean isSet() {
        return latch.getCount() == 0;
    }

    public void await() throws InterruptedException {
        latch.await();
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return latch.await(timeout, unit);
    }
}
