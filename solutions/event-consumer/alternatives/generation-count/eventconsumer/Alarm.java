package eventconsumer;

import java.util.Objects;

/** Answers alerts while its thread is not interrupted. */
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
            while (!Thread.currentThread().isInterrupted()) {
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
