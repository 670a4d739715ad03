package boundedbuffer;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * FAULTY (busy-wait): the reference, except that put and take do not wait on the monitor: they let go of it and
 * try again in a loop, burning a CPU core for as long as the buffer stays full or empty. Everything else (timed
 * methods, interrupts, notifyAll for the timed waiters) is right.
 */
public final class BoundedBuffer<T> {

    private final int capacity;
    private final ArrayDeque<T> items;

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    public void put(T item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        while (true) { // BUG: spins instead of waiting
            synchronized (this) {
                if (!isFull()) {
                    add(item);
                    return;
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
    }

    public T take() throws InterruptedException {
        while (true) { // BUG: spins instead of waiting
            synchronized (this) {
                if (!items.isEmpty()) {
                    return remove();
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
    }

    public synchronized boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        // Each wake-up may be for someone else: wait again only for what is left until the deadline.
        long remaining = unit.toNanos(timeout);
        long deadline = System.nanoTime() + remaining;
        while (isFull()) {
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            remaining = deadline - System.nanoTime();
        }
        add(item);
        return true;
    }

    public synchronized T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        long deadline = System.nanoTime() + remaining;
        while (items.isEmpty()) {
            if (remaining <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            remaining = deadline - System.nanoTime();
        }
        return remove();
    }

    public synchronized int size() {
        return items.size();
    }

    public int capacity() {
        return capacity;
    }

    private boolean isFull() {
        return items.size() == capacity;
    }

    private void add(T item) {
        items.addLast(item);
        // Producers and consumers share one wait set: notify() could wake another producer and strand a consumer.
        notifyAll();
    }

    private T remove() {
        T item = items.removeFirst();
        notifyAll();
        return item;
    }
}
