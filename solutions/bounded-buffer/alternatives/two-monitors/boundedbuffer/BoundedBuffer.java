package boundedbuffer;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Alternative solution: producers wait on the buffer's monitor, consumers on a monitor of their own
 * ({@code notEmpty}), so a put wakes only consumers. A thread may hold both monitors, but always in the same order:
 * {@code notEmpty} first, then {@code this}. That is why put leaves {@code synchronized (this)} before it enters
 * {@code synchronized (notEmpty)}; faulty/lock-order-deadlock is this class with that order broken.
 */
public final class BoundedBuffer<T> {

    private final int capacity;
    private final ArrayDeque<T> items;
    /** Consumers wait here; whoever holds it may also take {@code this}, never the other way round. */
    private final Object notEmpty = new Object();

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    public void put(T item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        synchronized (this) {
            while (items.size() == capacity) {
                wait();
            }
            items.addLast(item);
        }
        signalNotEmpty();
    }

    public T take() throws InterruptedException {
        // Consumers check and remove while holding notEmpty, so no other consumer can empty the buffer in between.
        synchronized (notEmpty) {
            while (size() == 0) {
                notEmpty.wait();
            }
            return removeFirst();
        }
    }

    public boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            while (items.size() == capacity) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
            items.addLast(item);
        }
        signalNotEmpty();
        return true;
    }

    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (notEmpty) {
            while (size() == 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(notEmpty, remaining);
            }
            return removeFirst();
        }
    }

    public synchronized int size() {
        return items.size();
    }

    public int capacity() {
        return capacity;
    }

    private void signalNotEmpty() {
        // Called after leaving synchronized (this): taking notEmpty while holding this would reverse the lock order.
        synchronized (notEmpty) {
            notEmpty.notifyAll();
        }
    }

    private synchronized T removeFirst() {
        T item = items.removeFirst();
        notifyAll(); // only producers wait on this
        return item;
    }
}
