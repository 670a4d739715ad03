package eventconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static eventconsumer.ThresholdConsumer.STOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public tests of {@link ThresholdConsumer}, task 3 of the README. The alerts are answered by the tests' own
 * {@link TestAlarm}, so these tests need your {@link Event} but not your {@link Alarm}.
 */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class ThresholdConsumerTests {

    private static final Duration BLOCK_WITHIN = Duration.ofSeconds(5);

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopLeftoverThreads() throws InterruptedException {
        for (Thread thread : started) {
            thread.interrupt();
            thread.join(1_000);
        }
    }

    @Test
    @DisplayName("3.1 The consumer adds up the values until STOP, which it does not count")
    void sumsUntilStop() throws Exception {
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(3, 0, 5, STOP));
        ThresholdConsumer consumer = new ThresholdConsumer(queue, 1_000, new Event(), new Event());

        Worker<Void> thread = Worker.startVoid("consumer", consumer::run, started);
        thread.result(BLOCK_WITHIN, "After taking 3, 0, 5 and STOP, run() should have returned");

        assertThat(consumer.sum()).as("sum() after 3, 0, 5, STOP").isEqualTo(8);
        assertThat(consumer.alerts()).as("alerts() with a threshold of 1000 never passed").isZero();
    }

    @Test
    @DisplayName("3.2 The consumer raises an alert each time the values since the last one pass the threshold")
    void alertsWhenThePendingValuesPassTheThreshold() throws Exception {
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(4, 4, 4, 4, 4, 4, STOP));
        Event alert = new Event();
        Event ack = new Event();
        ThresholdConsumer consumer = new ThresholdConsumer(queue, 10, alert, ack);
        TestAlarm alarm = new TestAlarm(alert, ack, consumer, false);
        Worker.startVoid("test-alarm", alarm::run, started);

        Worker<Void> thread = Worker.startVoid("consumer", consumer::run, started);
        thread.result(BLOCK_WITHIN, "After six values of 4 and STOP, run() should have returned");

        assertThat(consumer.sum()).as("sum() after six values of 4").isEqualTo(24);
        assertThat(consumer.alerts()).as("alerts() after 4+4+4 = 12 > 10 (alert), then 4+4+4 = 12 > 10 (alert)")
                .isEqualTo(2);
        assertThat(alarm.sumsAtAlerts()).as("the consumer's sum() each time the alarm saw an alert").containsExactly(12L, 24L);
    }

    @Test
    @DisplayName("3.3 After an alert the consumer waits for the acknowledgement before it takes another value")
    void waitsForTheAcknowledgement() throws Exception {
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(20, 1));
        Event alert = new Event();
        Event ack = new Event();
        ThresholdConsumer consumer = new ThresholdConsumer(queue, 10, alert, ack);
        TestAlarm alarm = new TestAlarm(alert, ack, consumer, true);
        Worker.startVoid("test-alarm", alarm::run, started);
        Worker<Void> thread = Worker.startVoid("consumer", consumer::run, started);

        alarm.awaitNextAlert();
        await("thread 'consumer' waiting for the acknowledgement").atMost(Deadline.atMost(BLOCK_WITHIN).length())
                .until(() -> Waiting.isWaiting(thread.thread) || thread.isDone());
        assertThat(consumer.sum()).as("sum() while the alert for 20 is not yet acknowledged").isEqualTo(20);
        assertThat(queue).as("the queue while the alert for 20 is not yet acknowledged: the 1 must still be there")
                .containsExactly(1);

        alarm.release();
        queue.put(STOP);
        thread.result(BLOCK_WITHIN, "After the acknowledgement and STOP, run() should have returned");
        assertThat(consumer.sum()).as("sum() after 20, 1, STOP").isEqualTo(21);
        assertThat(consumer.alerts()).as("alerts() after one acknowledged alert").isEqualTo(1);
    }
}
