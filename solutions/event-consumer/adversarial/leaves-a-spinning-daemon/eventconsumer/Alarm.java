package eventconsumer;

import java.util.Objects;

/**
 * Waits for alerts and answers each one: runs the warning, clears the alert, then acknowledges it. The order of
 * the last two is the protocol: once {@code ack} is set the consumer may raise its next alert at once, and a
 * {@code clear()} after that would wipe it out.
 */
public final class Alarm implements Runnable {

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
                alert.clear();
                ack.set();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
