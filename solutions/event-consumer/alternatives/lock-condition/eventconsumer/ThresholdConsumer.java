package eventconsumer;

import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Sums values until STOP; alerts when the values since the last alert exceed the threshold. Counters are atomics. */
public final class ThresholdConsumer implements Runnable {

    public static final int STOP = -1;

    private final BlockingQueue<Integer> source;
    private final int threshold;
    private final Event alert;
    private final Event ack;
    private final AtomicLong sum = new AtomicLong();
    private final AtomicInteger alerts = new AtomicInteger();

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
            for (int value = source.take(); value != STOP; value = source.take()) {
                sum.addAndGet(value);
                pending += value;
                if (pending > threshold) {
                    raiseAlertAndWaitForAck();
                    pending = 0;
                    alerts.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void raiseAlertAndWaitForAck() throws InterruptedException {
        alert.set();
        ack.await();
        ack.clear();
    }

    public long sum() {
        return sum.get();
    }

    public int alerts() {
        return alerts.get();
    }
}
