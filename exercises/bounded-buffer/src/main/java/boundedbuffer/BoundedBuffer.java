package boundedbuffer;

import java.util.concurrent.TimeUnit;

/**
 * A fixed-size buffer that producer threads put items into and consumer threads take items out of,
 * first in, first out.
 *
 * <p>A producer that finds the buffer full waits until a consumer has made room; a consumer that finds it
 * empty waits until a producer has put something in. Waiting threads use no CPU: they block (on a monitor,
 * a {@code Condition} or a {@code Semaphore}) and are woken when the buffer changes, never spin.
 *
 * <p>Any number of producers and consumers may use one buffer at the same time. Every item put in is taken
 * out exactly once: none is lost, none is delivered twice, and the buffer never holds more than
 * {@link #capacity()} items.
 *
 * <p>A thread interrupted while it waits in {@link #put}, {@link #take}, {@link #offer} or {@link #poll}
 * stops waiting and throws {@link InterruptedException}, and leaves the buffer as if it had never called:
 * an interrupted {@code put} has added nothing, an interrupted {@code take} has removed nothing.
 *
 * @param <T> the type of the items; {@code null} is not an item
 */
public final class BoundedBuffer<T> {

    /**
     * Creates an empty buffer that holds at most {@code capacity} items.
     *
     * @param capacity how many items the buffer can hold at once
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public BoundedBuffer(int capacity) {
        throw new UnsupportedOperationException(
                "TODO: check capacity (at least 1), then create the storage for the items and whatever guards it");
    }

    /**
     * Adds {@code item} at the tail of the buffer, first waiting for as long as the buffer is full.
     *
     * @param item the item to add
     * @throws NullPointerException if {@code item} is {@code null} (thrown at once, even if the buffer is full)
     * @throws InterruptedException if the calling thread is interrupted while it waits; the item was not added
     */
    public void put(T item) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: reject null, wait in a loop while the buffer is full, add the item, wake waiting consumers");
    }

    /**
     * Removes and returns the item at the head of the buffer (the oldest one), first waiting for as long as the
     * buffer is empty.
     *
     * @return the oldest item in the buffer, never {@code null}
     * @throws InterruptedException if the calling thread is interrupted while it waits; nothing was removed
     */
    public T take() throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: wait in a loop while the buffer is empty, remove the oldest item, wake waiting producers");
    }

    /**
     * Adds {@code item} at the tail of the buffer, waiting at most {@code timeout} for room if the buffer is full.
     * A timeout of zero or less means: do not wait at all.
     *
     * @param item the item to add
     * @param timeout how long to wait at most, in {@code unit}s
     * @param unit the unit of {@code timeout}
     * @return {@code true} if the item was added, {@code false} if the buffer was still full when the timeout
     *         ran out (the item was then not added)
     * @throws NullPointerException if {@code item} or {@code unit} is {@code null}
     * @throws InterruptedException if the calling thread is interrupted while it waits; the item was not added
     */
    public boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: like put, but wait only for the time that remains until a deadline; return false once it passed");
    }

    /**
     * Removes and returns the oldest item, waiting at most {@code timeout} for one if the buffer is empty.
     * A timeout of zero or less means: do not wait at all.
     *
     * @param timeout how long to wait at most, in {@code unit}s
     * @param unit the unit of {@code timeout}
     * @return the oldest item, or {@code null} if the buffer was still empty when the timeout ran out
     * @throws NullPointerException if {@code unit} is {@code null}
     * @throws InterruptedException if the calling thread is interrupted while it waits; nothing was removed
     */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: like take, but wait only for the time that remains until a deadline; return null once it passed");
    }

    /**
     * Returns how many items the buffer holds right now. Other threads may change that a moment later, so
     * the answer is a snapshot, but it is always a count the buffer really had: between 0 and the capacity.
     *
     * @return the number of items in the buffer
     */
    public int size() {
        throw new UnsupportedOperationException("TODO: return the number of items, read under the same guard that protects them");
    }

    /**
     * Returns the most items the buffer can hold, as given to the constructor.
     *
     * @return the capacity
     */
    public int capacity() {
        throw new UnsupportedOperationException("TODO: return the capacity given to the constructor");
    }
}
