package eventconsumer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * Test support: the tests' own alarm, so that the consumer's tests do not depend on your {@link Alarm}. It answers
 * every alert the way the README's alarm does (wait for {@code alert}, note it, clear {@code alert}, set
 * {@code ack}) and can hold each alert open until the test releases it. It uses your {@link Event}.
 */
final class TestAlarm implements Runnable {

    private final Event alert;
    private final Event ack;
    private final ThresholdConsumer consumer;
    private final boolean holdEachAlert;
    private final Semaphore seen = new Semaphore(0);
    private final Semaphore released = new Semaphore(0);
    private final List<Long> sumsAtAlerts = new CopyOnWriteArrayList<>();

    /**
     * @param consumer whose {@code sum()} to note at each alert
     * @param holdEachAlert whether each alert waits for {@link #release()} before it is answered
     */
    TestAlarm(Event alert, Event ack, ThresholdConsumer consumer, boolean holdEachAlert) {
        this.alert = alert;
        this.ack = ack;
        this.consumer = consumer;
        this.holdEachAlert = holdEachAlert;
    }

    @Override
    public void run() {
        try {
            while (true) {
                alert.await();
                sumsAtAlerts.add(consumer.sum());
                seen.release();
                if (holdEachAlert) {
                    released.acquire();
                }
                alert.clear();
                ack.set();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, without a time limit, until the alarm has seen one more alert than the last call saw. */
    void awaitNextAlert() throws InterruptedException {
        seen.acquire();
    }

    /** Lets the alert being held be answered. */
    void release() {
        released.release();
    }

    /** The consumer's {@code sum()} at each alert seen so far, in order. */
    List<Long> sumsAtAlerts() {
        return List.copyOf(sumsAtAlerts);
    }
}
