package boundedbuffer;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The reference's monitor, made slower on purpose: every operation that succeeds dawdles for a fixed time while it
 * still holds the lock, as a student's logging inside a {@code synchronized} method would. A thread that waits
 * never dawdles, so waiting still uses no CPU, and a timed call that gives up returns at its deadline.
 */
public final class BoundedBuffer<T> {

    /** Extra cost of each operation, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 600;

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
        dawdle();
    }

    public synchronized T take() throws InterruptedException {
        while (items.isEmpty()) {
            wait();
        }
        T item = remove();
        dawdle();
        return item;
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
        dawdle();
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
        T item = remove();
        dawdle();
        return item;
    }

    public synchronized int size() {
        dawdle();
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

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path, never on a waiting one. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
