package boundedbuffer;

import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Alternative solution: two counting semaphores and a mutex. {@code freeSlots} holds one permit per empty slot,
 * {@code filledSlots} one per item; acquiring a permit is what waits. The mutex only keeps the array and its
 * indices consistent while two producers (or two consumers) write them at once, and is never held while waiting.
 */
public final class BoundedBuffer<T> {

    private final Object[] items;
    private final Semaphore freeSlots;
    private final Semaphore filledSlots = new Semaphore(0);
    private final Object mutex = new Object();
    private int putIndex;
    private int takeIndex;
    private int count;

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
        synchronized (mutex) {
            return count;
        }
    }

    public int capacity() {
        return items.length;
    }

    private void enqueue(T item) {
        synchronized (mutex) {
            items[putIndex] = item;
            putIndex = (putIndex + 1) % items.length;
            count++;
        }
    }

    private T dequeue() {
        synchronized (mutex) {
            @SuppressWarnings("unchecked")
            T item = (T) items[takeIndex];
            items[takeIndex] = null;
            takeIndex = (takeIndex + 1) % items.length;
            count--;
            return item;
        }
    }
}
