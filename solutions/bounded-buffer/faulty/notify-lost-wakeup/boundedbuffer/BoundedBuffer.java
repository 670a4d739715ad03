package boundedbuffer;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * FAULTY (notify-lost-wakeup): the reference with {@code notify()} instead of {@code notifyAll()}. Producers and
 * consumers wait in the one wait set of the buffer's monitor, so a consumer's notify() can wake another consumer
 * instead of the waiting producer; that consumer goes back to waiting, and nobody is left to wake anyone.
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
        notify(); // BUG: may wake a producer when a consumer was needed
    }

    private T remove() {
        T item = items.removeFirst();
        notify(); // BUG: may wake a consumer when a producer was needed
        return item;
    }
}
