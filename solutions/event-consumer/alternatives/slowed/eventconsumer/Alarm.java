package eventconsumer;

import java.util.Objects;

/**
 * Waits for alerts and answers each one: runs the warning, clears the alert, then acknowledges it. The order of
 * the last two is the protocol: once {@code ack} is set the consumer may raise its next alert at once, and a
 * {@code clear()} after that would wipe it out.
 *
 * <p>Made slower on purpose: it dawdles for a fixed time after each warning, before it clears and acknowledges.
 */
public final class Alarm implements Runnable {

    /** Extra cost of each alert answered, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 200_000;

    private final Event alert;
    private final Event ack;
    private final Runnable onAlert;

    public Alarm(Event alert, Event ack, Runnable onAlert) {
        this.alert = Objects.requireNonNull(alert, "alert");
        this.ack = Objects.requireNonNull(ack, "ack");
        this.onAlert = Objects.requireNonNull(onAlert, "onAlert");
    }

    @Override
    public void run() {
        try {
            while (true) {
                alert.await();
                onAlert.run();
                dawdle();
                alert.clear();
                ack.set();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path, never while waiting. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
