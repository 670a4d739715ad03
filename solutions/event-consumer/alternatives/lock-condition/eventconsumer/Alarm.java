package eventconsumer;

import java.util.Objects;

/** Answers alerts until interrupted: clears the alert, then acknowledges it. */
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
        while (true) {
            try {
                alert.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            onAlert.run();
            alert.clear(); // first clear, then acknowledge: the consumer's next alert may follow the ack at once
            ack.set();
        }
    }
}
