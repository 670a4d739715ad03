package eventconsumer;

/**
 * Answers a consumer's alerts: waits for {@code alert}, runs the warning, clears {@code alert} and sets
 * {@code ack}, again and again until its thread is interrupted.
 */
public final class Alarm implements Runnable {

    /**
     * @param alert the event the consumer sets to raise an alert
     * @param ack the event this alarm sets to acknowledge an alert
     * @param onAlert the warning, run on this alarm's thread once per alert
     */
    public Alarm(Event alert, Event ack, Runnable onAlert) {
        throw new UnsupportedOperationException("TODO: keep the two events and the warning");
    }

    /**
     * Until the thread is interrupted: waits for {@code alert}, runs {@code onAlert}, clears {@code alert}, then
     * sets {@code ack} (in this order). Returns when the thread is interrupted while it waits.
     */
    @Override
    public void run() {
        throw new UnsupportedOperationException(
                "TODO: loop: await alert, run onAlert, clear alert, set ack; return when interrupted");
    }
}
