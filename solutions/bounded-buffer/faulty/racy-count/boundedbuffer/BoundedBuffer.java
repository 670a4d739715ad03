package boundedbuffer;

import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * FAULTY (racy-count): alternatives/semaphores without the mutex. The semaphores still make producers and consumers
 * wait correctly, but nothing guards {@code putIndex}, {@code takeIndex} and {@code count}: two producers that put
 * at once can write the same slot (an item is lost, and a consumer later reads an empty slot: null), and two
 * updates of {@code count} can collapse into one, so size() drifts away from the truth.
 */
public final class BoundedBuffer<T> {

    private final Object[] items;
    private final Semaphore freeSlots;
    private final Semaphore filledSlots = new Semaphore(0);
    // BUG: no mutex; volatile makes each read and write visible, but count++ is still a read, then a write.
    private volatile int putIndex;
    private volatile int takeIndex;
    private volatile int count;

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.items = new Object[capacity];
        this.freeSlots = new Semaphore(capacity);
    }

    public void put(T item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        // If this throws, no permit was taken, so there is nothing to give back.
        freeSlots.acquire();
        enqueue(item);
        filledSlots.release();
    }

    public T take() throws InterruptedException {
        filledSlots.acquire();
        T item = dequeue();
        freeSlots.release();
        return item;
    }

    public boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        // A timed-out tryAcquire took no permit: return without releasing anything.
        if (!freeSlots.tryAcquire(timeout, unit)) {
            return false;
        }
        enqueue(item);
        filledSlots.release();
        return true;
    }

    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        if (!filledSlots.tryAcquire(timeout, unit)) {
            return null;
        }
        T item = dequeue();
        freeSlots.release();
        return item;
    }

    public int size() {
        return count;
    }

    public int capacity() {
        return items.length;
    }

    private void enqueue(T item) {
        items[putIndex] = item; // BUG: another producer may be writing the same slot right now
        putIndex = (putIndex + 1) % items.length;
        count++;
    }

    private T dequeue() {
        @SuppressWarnings("unchecked")
        T item = (T) items[takeIndex]; // BUG: another consumer may be reading the same slot right now
        items[takeIndex] = null;
        takeIndex = (takeIndex + 1) % items.length;
        count--;
        return item;
    }
}
