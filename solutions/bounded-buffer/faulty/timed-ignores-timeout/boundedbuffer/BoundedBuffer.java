package boundedbuffer;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * FAULTY (timed-ignores-timeout): the reference, except that offer and poll wait like put and take, without a
 * time limit, so on a full (empty) buffer they never give up.
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
        while (isFull()) {
            wait();
        }
        add(item);
    }

    public synchronized T take() throws InterruptedException {
        while (items.isEmpty()) {
            wait();
        }
        return remove();
    }

    public synchronized boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        // Each wake-up may be for someone else: wait again only for what is left until the deadline.
        unit.toNanos(timeout); // BUG: read, then ignored
        while (isFull()) {
            wait();
        }
        add(item);
        return true;
    }

    public synchronized T poll(long timeout, TimeUnit unit) throws InterruptedException {
        unit.toNanos(timeout); // BUG: read, then ignored
        while (items.isEmpty()) {
            wait();
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
