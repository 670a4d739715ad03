package boundedbuffer;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * FAULTY (delegates-to-queue): behaves perfectly, because java.util.concurrent's ArrayBlockingQueue does all the
 * work. The exercise is to do that work; the architecture test catches it.
 */
public final class BoundedBuffer<T> {

    private final int capacity;
    private final ArrayBlockingQueue<T> queue; // BUG: the exercise forbids java.util.concurrent's queues

    public BoundedBuffer(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
    }

    public void put(T item) throws InterruptedException {
        queue.put(item);
    }

    public T take() throws InterruptedException {
        return queue.take();
    }

    public boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        return queue.offer(item, timeout, unit);
    }

    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    public int size() {
        return queue.size();
    }

    public int capacity() {
        return capacity;
    }
}
