package eventconsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/** The seed's program on a thread pool: every producer, the consumer and the alarm are tasks of one pool. */
public final class Pipeline {

    public record Result(long sum, int alerts) {
    }

    private Pipeline() {
    }

    public static Result run(int producers, int threshold, Runnable onAlert) throws InterruptedException {
        if (producers < 0) {
            throw new IllegalArgumentException("producers must not be negative, but was " + producers);
        }
        Objects.requireNonNull(onAlert, "onAlert");
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        Event alert = new Event();
        Event ack = new Event();
        ThresholdConsumer consumer = new ThresholdConsumer(queue, threshold, alert, ack);

        // close() waits for every task to end; shutdownNow() in finally interrupts whatever still runs.
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            try {
                Future<?> alarm = pool.submit(new Alarm(alert, ack, onAlert));
                Future<?> consumed = pool.submit(consumer);
                List<Future<?>> produced = new ArrayList<>();
                for (int i = 0; i < producers; i++) {
                    int index = i;
                    produced.add(pool.submit(() -> {
                        queue.put(index);
                        return null;
                    }));
                }
                for (Future<?> producer : produced) {
                    getUnchecked(producer);
                }
                queue.put(ThresholdConsumer.STOP);
                getUnchecked(consumed);
                alarm.cancel(true);
            } finally {
                pool.shutdownNow();
            }
        }
        return new Result(consumer.sum(), consumer.alerts());
    }

    private static void getUnchecked(Future<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a pipeline task failed", e.getCause());
        }
    }
}
