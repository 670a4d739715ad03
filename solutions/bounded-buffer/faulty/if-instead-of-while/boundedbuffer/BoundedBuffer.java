package boundedbuffer;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * FAULTY (if-instead-of-while): the reference with {@code if} instead of {@code while} around {@code wait()}. After
 * notifyAll every waiter wakes, but only one finds what it waited for; the others go on without checking again:
 * a consumer takes from an empty buffer, a producer puts into a full one.
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

    public synchronized void put(T item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        if (isFull()) { // BUG: a woken producer does not check again
            wait();
        }
        add(item);
    }

    public synchronized T take() throws InterruptedException {
        if (items.isEmpty()) { // BUG: a woken consumer does not check again
            wait();
        }
        return remove();
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
