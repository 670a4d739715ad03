package eventconsumer;

import java.util.Objects;
import java.util.concurrent.BlockingQueue;

/**
 * Sums the values it takes from a queue and, each time the values taken since the last alert add up to more than
 * a threshold, raises an alert and waits until it is acknowledged.
 *
 * <p>Only the consumer's own thread writes {@code sum} and {@code alerts}; they are {@code volatile} so that any
 * other thread reads their latest values (a {@code volatile long} is also read and written whole).
 *
 * <p>Made slower on purpose: it dawdles for a fixed time over every value it has taken.
 */
public final class ThresholdConsumer implements Runnable {

    /** The value that ends {@link #run()}; it is not counted. */
    public static final int STOP = -1;

    private final BlockingQueue<Integer> source;
    private final int threshold;
    private final Event alert;
    private final Event ack;

    /** Extra cost of each value counted, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 200_000;

    private volatile long sum;
    private volatile int alerts;

    public ThresholdConsumer(BlockingQueue<Integer> source, int threshold, Event alert, Event ack) {
        this.source = Objects.requireNonNull(source, "source");
        this.threshold = threshold;
        this.alert = Objects.requireNonNull(alert, "alert");
        this.ack = Objects.requireNonNull(ack, "ack");
    }

    @Override
    public void run() {
        long pending = 0;
        try {
            while (true) {
                int value = source.take();
                if (value == STOP) {
                    return;
                }
                dawdle();
                sum += value; // one writer: this thread
                pending += value;
                if (pending > threshold) {
                    alert.set();
                    ack.await();
                    ack.clear();
                    pending = 0;
                    alerts++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sum of the values taken so far. */
    public long sum() {
        return sum;
    }

    /** How many alerts have been acknowledged so far. */
    public int alerts() {
        return alerts;
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path, never while waiting. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
