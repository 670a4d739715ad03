package eventconsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The seed's program on virtual threads: one per producer, one for the consumer, one for the alarm. */
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

        Thread alarm = Thread.ofVirtual().name("alarm").start(new Alarm(alert, ack, onAlert));
        Thread consuming = Thread.ofVirtual().name("consumer").start(consumer);
        List<Thread> producing = new ArrayList<>();
        try {
            for (int i = 0; i < producers; i++) {
                int index = i;
                producing.add(Thread.ofVirtual().name("producer-" + i).start(() -> {
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
        } catch (InterruptedException e) {
            producing.forEach(Thread::interrupt);
            consuming.interrupt();
            throw e;
        } finally {
            alarm.interrupt();
            alarm.join(); // the alarm returns at once: it is waiting for an alert, or about to
        }
        return new Result(consumer.sum(), consumer.alerts());
    }
}
