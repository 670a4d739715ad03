package eventconsumer;

/**
 * The whole program: producer threads put values into a queue, a {@link ThresholdConsumer} adds them up and raises
 * alerts, an {@link Alarm} answers them.
 */
public final class Pipeline {

    /**
     * What the consumer counted.
     *
     * @param sum the sum of all values the producers put
     * @param alerts how many alerts were raised and acknowledged
     */
    public record Result(long sum, int alerts) {
    }

    private Pipeline() {
    }

    /**
     * Starts {@code producers} threads that each put their index ({@code 0} to {@code producers - 1}) into one queue,
     * a {@link ThresholdConsumer} on its own thread and an {@link Alarm} on its own thread. Once every producer is
     * done, puts {@link ThresholdConsumer#STOP}. Returns once the consumer has finished, after stopping the alarm:
     * no thread this method started is left running when it returns.
     *
     * @param producers how many producer threads to start (0 or more)
     * @param threshold the consumer's threshold
     * @param onAlert the warning the alarm runs for each alert
     * @return the consumer's sum and number of alerts
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static Result run(int producers, int threshold, Runnable onAlert) throws InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: start the alarm, the consumer and the producers; join the producers, put STOP, join the consumer, stop the alarm");
    }
}
