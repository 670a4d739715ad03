package boundedbuffer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Alternative solution: the reference's monitor, but on a private lock object instead of {@code this}, over a
 * circular array. No caller can synchronize on the lock, wait on it or notify it, so only this class decides
 * who holds it and who wakes.
 */
public final class BoundedBuffer<T> {

    private final Object lock = new Object();
    private final Object[] items;
    private int putIndex;
    private int takeIndex;
    private int count;

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.items = new Object[capacity];
    }

    public void put(T item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        synchronized (lock) {
            while (count == items.length) {
                lock.wait();
            }
            enqueue(item);
        }
    }

    public T take() throws InterruptedException {
        synchronized (lock) {
            while (count == 0) {
                lock.wait();
            }
            return dequeue();
        }
    }

    public boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (count == items.length) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
            enqueue(item);
            return true;
        }
    }

    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (count == 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
            return dequeue();
        }
    }

    public int size() {
        synchronized (lock) {
            return count;
        }
    }

    public int capacity() {
        return items.length;
    }

    private void enqueue(T item) {
        items[putIndex] = item;
        putIndex = (putIndex + 1) % items.length;
        count++;
        // Producers and consumers share the lock's wait set: wake them all, each re-checks its own condition.
        lock.notifyAll();
    }

    private T dequeue() {
        @SuppressWarnings("unchecked")
        T item = (T) items[takeIndex];
        items[takeIndex] = null;
        takeIndex = (takeIndex + 1) % items.length;
        count--;
        lock.notifyAll();
        return item;
    }
}
