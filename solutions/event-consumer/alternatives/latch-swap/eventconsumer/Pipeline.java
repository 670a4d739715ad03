package eventconsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The seed's program with a small bounded queue: producers wait for room while the consumer waits for an
 * acknowledgement, which the tests must allow.
 */
public final class Pipeline {

    public record Result(long sum, int alerts) {
    }

    private static final int QUEUE_CAPACITY = 4;

    private Pipeline() {
    }

    public static Result run(int producers, int threshold, Runnable onAlert) throws InterruptedException {
        if (producers < 0) {
            throw new IllegalArgumentException("producers must not be negative, but was " + producers);
        }
        Objects.requireNonNull(onAlert, "onAlert");
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        Event alert = new Event();
        Event ack = new Event();
        ThresholdConsumer consumer = new ThresholdConsumer(queue, threshold, alert, ack);

        List<Thread> all = new ArrayList<>();
        Thread alarm = start(all, "alarm", new Alarm(alert, ack, onAlert));
        Thread consuming = start(all, "consumer", consumer);
        List<Thread> producing = new ArrayList<>();
        try {
            for (int i = 0; i < producers; i++) {
                int index = i;
                producing.add(start(all, "producer-" + i, () -> {
                    try {
                        queue.put(index);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread producer : producing) {
                producer.join();
            }
            queue.put(ThresholdConsumer.STOP);
            consuming.join();
            alarm.interrupt();
            alarm.join();
        } finally {
            for (Thread thread : all) { // only if something above was interrupted: stop whatever still runs
                thread.interrupt();
            }
        }
        return new Result(consumer.sum(), consumer.alerts());
    }

    private static Thread start(List<Thread> all, String name, Runnable task) {
        Thread thread = Thread.ofPlatform().name(name).start(task);
        all.add(thread);
        return thread;
    }
}
