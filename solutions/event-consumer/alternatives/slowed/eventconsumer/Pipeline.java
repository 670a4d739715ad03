package eventconsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The seed's program: producers put their index into one queue, a {@link ThresholdConsumer} sums them and raises
 * alerts, an {@link Alarm} answers them.
 *
 * <p>Made slower on purpose: each producer dawdles for a fixed time before it puts its value, as if making the value
 * took work.
 */
public final class Pipeline {

    /** What the consumer counted: the sum of every producer's value, and how many alerts were acknowledged. */
    public record Result(long sum, int alerts) {
    }

    /** Extra cost of each value produced, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 500_000;

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
        Thread consumerThread = new Thread(consumer, "consumer");
        Thread alarmThread = new Thread(new Alarm(alert, ack, onAlert), "alarm");
        List<Thread> producerThreads = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            int index = i;
            producerThreads.add(new Thread(() -> {
                dawdle();
                try {
                    queue.put(index);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "producer-" + i));
        }

        boolean finished = false;
        alarmThread.start();
        consumerThread.start();
        try {
            producerThreads.forEach(Thread::start);
            for (Thread producer : producerThreads) {
                producer.join();
            }
            queue.put(ThresholdConsumer.STOP); // only now: every value is in the queue ahead of it
            consumerThread.join();
            finished = true;
        } finally {
            if (!finished) { // the caller was interrupted: stop everything rather than leave it running
                producerThreads.forEach(Thread::interrupt);
                consumerThread.interrupt();
            }
            alarmThread.interrupt();
            List<Thread> started = new ArrayList<>(producerThreads);
            started.add(consumerThread);
            started.add(alarmThread);
            joinAll(started);
        }
        return new Result(consumer.sum(), consumer.alerts());
    }

    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
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
