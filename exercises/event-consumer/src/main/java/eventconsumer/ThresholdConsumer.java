package eventconsumer;

import java.util.concurrent.BlockingQueue;

/**
 * Takes values from a queue and adds them up; each time the values taken since the last alert add up to more than
 * a threshold, raises an alert and waits until the alarm acknowledges it.
 *
 * <p>Its {@link #run()} runs on a thread of its own; {@link #sum()} and {@link #alerts()} may be called from any
 * other thread at any time.
 */
public final class ThresholdConsumer implements Runnable {

    /** The value that tells {@link #run()} to return. It is not a value: it is not counted. */
    public static final int STOP = -1;

    /**
     * @param source the queue to take values from
     * @param threshold an alert is raised when the values taken since the last alert add up to more than this
     * @param alert the event this consumer sets to raise an alert
     * @param ack the event the alarm sets to acknowledge an alert; this consumer clears it once it has seen it
     */
    public ThresholdConsumer(BlockingQueue<Integer> source, int threshold, Event alert, Event ack) {
        throw new UnsupportedOperationException("TODO: keep the queue, the threshold and the two events");
    }

    /**
     * Takes values from the queue until it takes {@link #STOP}. For each value {@code v}: adds it to the sum and to
     * the pending count; when the pending count is more than the threshold, sets {@code alert}, waits for
     * {@code ack}, clears {@code ack}, sets the pending count back to 0 and counts the alert.
     *
     * <p>If the thread is interrupted while it waits (for a value or for {@code ack}), returns with the thread's
     * interrupt flag set.
     */
    @Override
    public void run() {
        throw new UnsupportedOperationException(
                "TODO: take values until STOP; raise an alert and wait for its acknowledgement when the pending values pass the threshold");
    }

    /**
     * The sum of the values taken so far. Safe to call from any thread at any time.
     *
     * @return the sum of the values taken so far
     */
    public long sum() {
        throw new UnsupportedOperationException("TODO: return the sum, visible to other threads");
    }

    /**
     * How many alerts have been acknowledged so far. Safe to call from any thread at any time.
     *
     * @return the number of acknowledged alerts
     */
    public int alerts() {
        throw new UnsupportedOperationException("TODO: return the number of alerts, visible to other threads");
    }
}
