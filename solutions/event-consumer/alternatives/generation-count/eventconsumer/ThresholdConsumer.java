package eventconsumer;

import java.util.Objects;
import java.util.concurrent.BlockingQueue;

/** Sums values until STOP; alerts when the values since the last alert exceed the threshold. Counters on a monitor. */
public final class ThresholdConsumer implements Runnable {

    public static final int STOP = -1;

    private final BlockingQueue<Integer> source;
    private final int threshold;
    private final Event alert;
    private final Event ack;
    private final Object counters = new Object();
    private long sum;
    private int alerts;

    public ThresholdConsumer(BlockingQueue<Integer> source, int threshold, Event alert, Event ack) {
        this.source = Objects.requireNonNull(source, "source");
        this.threshold = threshold;
        this.alert = Objects.requireNonNull(alert, "alert");
        this.ack = Objects.requireNonNull(ack, "ack");
    }

    @Override
    public void run() {
        long pending = 0;
        while (true) {
            int value;
            try {
                value = source.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (value == STOP) {
                return;
            }
            synchronized (counters) {
                sum += value;
            }
            pending += value;
            if (pending <= threshold) {
                continue;
            }
            alert.set();
            try {
                ack.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ack.clear();
            pending = 0;
            synchronized (counters) {
                alerts++;
            }
        }
    }

    public long sum() {
        synchronized (counters) {
            return sum;
        }
    }

    public int alerts() {
        synchronized (counters) {
            return alerts;
        }
    }
}
