package eventconsumer;

import gradelock.testkit.Points;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static eventconsumer.ThresholdConsumer.STOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of {@link ThresholdConsumer}. Alerts are answered by the tests' own {@link TestAlarm} (a bug in
 * the student's {@link Alarm} costs nothing here), which can hold an alert open while the test looks at the
 * consumer. Every value the consumer will see is in the queue before the step that matters, so the only place the
 * consumer can stop is where the test expects it (or where the bug makes it stop instead).
 */
@Timeout(5)
class ThresholdConsumerHiddenTests {

    private static final Duration BLOCK_WITHIN = Duration.ofSeconds(3);

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopLeftoverThreads() throws InterruptedException {
        for (Thread thread : started) {
            thread.interrupt();
        }
        for (Thread thread : started) {
            thread.join(1_000);
        }
    }

    @Test
    void sumsTheValuesUpToStopAndLeavesTheRestInTheQueue() throws Exception {
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(4, 0, 9, STOP, 7));
        ThresholdConsumer consumer = new ThresholdConsumer(queue, 1_000, new Event(), new Event());
        assertThat(consumer.sum()).as("sum() before run()").isZero();

        Worker<Void> thread = Worker.startVoid("consumer", consumer::run, started);
        thread.result(); // without a limit: a consumer that misses STOP waits in take() forever (stalled)

        assertThat(consumer.sum()).as("sum() after 4, 0, 9, STOP (STOP is not a value)").isEqualTo(13);
        assertThat(consumer.alerts()).as("alerts() with a threshold of 1000").isZero();
        assertThat(queue).as("the queue after run() returned at STOP: the 7 behind STOP must not be taken").containsExactly(7);
    }

    @Test
    @Points(3)
    void alertsOnlyWhenTheValuesSinceTheLastAlertExceedTheThreshold() throws Exception {
        // Threshold 10. Pending: 3, 10 (not more than 10), 11 alert; 10 (not more), 21 alert; 4, 10 (not more).
        // With >= instead of >, 10 alerts too: 4 alerts. Keeping the excess (pending -= threshold) also gives 4.
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(3, 7, 1, 10, 11, 4, 6, STOP));
        Event alert = new Event();
        Event ack = new Event();
        ThresholdConsumer consumer = new ThresholdConsumer(queue, 10, alert, ack);
        TestAlarm alarm = new TestAlarm(alert, ack, consumer, false);
        Worker.startVoid("test-alarm", alarm::run, started);

        Worker<Void> thread = Worker.startVoid("consumer", consumer::run, started);
        thread.result();

        assertThat(consumer.sum()).as("sum() after 3, 7, 1, 10, 11, 4, 6").isEqualTo(42);
        if (consumer.alerts() != 2 || !alarm.sumsAtAlerts().equals(List.of(11L, 32L))) {
            fail("With threshold 10 and the values 3, 7, 1, 10, 11, 4, 6, the consumer should alert twice: when the values"
                    + " since the last alert reach 11 (3+7+1) and 21 (10+11), with sum() 11 and 32 at those alerts. It"
                    + " counted %d alerts, and sum() was %s when the alarm saw each alert. An alert is due when the"
                    + " pending values are more than the threshold (>, not >=), and pending starts again from 0 after"
                    + " each acknowledged alert.", consumer.alerts(), alarm.sumsAtAlerts());
        }
    }

    @Test
    @Points(3)
    void takesNothingMoreWhileTheAlarmHasNotAcknowledged() throws Exception {
        // Threshold 5: 6 alerts; after the acknowledgement 1 and 2 (pending 3), then 6 (pending 9) alerts again.
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(6, 1, 2, 6, 1, 2));
        Event alert = new Event();
        Event ack = new Event();
        ThresholdConsumer consumer = new ThresholdConsumer(queue, 5, alert, ack);
        TestAlarm alarm = new TestAlarm(alert, ack, consumer, true);
        Worker.startVoid("test-alarm", alarm::run, started);
        Worker<Void> thread = Worker.startVoid("consumer", consumer::run, started);

        alarm.awaitNextAlert();
        assertStopsAndWaits(thread, consumer, queue, "the first alert (after 6)", 6, 5);

        alarm.release();
        alarm.awaitNextAlert();
        // The consumer must have cleared ack after the first acknowledgement: otherwise its await() now returns at
        // once and it takes 1 and 2 while onAlert still runs.
        assertStopsAndWaits(thread, consumer, queue, "the second alert (after 6, 1, 2, 6)", 15, 2);

        alarm.release();
        queue.put(STOP);
        thread.result();
        assertThat(consumer.sum()).as("sum() after 6, 1, 2, 6, 1, 2").isEqualTo(18);
        assertThat(consumer.alerts()).as("alerts() after two acknowledged alerts").isEqualTo(2);
    }

    @Test
    @Points(2)
    void anInterruptWhileWaitingForTheAcknowledgementEndsRunWithTheFlagSet() throws Exception {
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(100, 1));
        Event alert = new Event();
        Event ack = new Event(); // nobody acknowledges
        ThresholdConsumer consumer = new ThresholdConsumer(queue, 5, alert, ack);
        Worker<Boolean> thread = Worker.start("consumer", () -> {
            consumer.run();
            return Thread.currentThread().isInterrupted();
        }, started);

        Waiting.awaitWaiting(thread.thread, BLOCK_WITHIN);
        assertThat(alert.isSet()).as("alert.isSet() once the consumer took 100 with a threshold of 5").isTrue();
        thread.thread.interrupt();

        // Without a limit: a consumer that catches the interrupt and goes on waits in take() for ever (stalled).
        if (!thread.result()) {
            fail("A consumer interrupted while it waits for the acknowledgement should return from run() with the"
                    + " thread's interrupt flag still set, but the flag was clear when run() returned. After catching"
                    + " InterruptedException, call Thread.currentThread().interrupt() before returning.");
        }
        assertThat(queue).as("the queue after the interrupted consumer returned").containsExactly(1);
        assertThat(consumer.alerts()).as("alerts() after an alert that was never acknowledged").isZero();
    }

    @Test
    void anInterruptWhileWaitingForAValueEndsRunWithTheFlagSet() throws Exception {
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(2));
        ThresholdConsumer consumer = new ThresholdConsumer(queue, 5, new Event(), new Event());
        Worker<Boolean> thread = Worker.start("consumer", () -> {
            consumer.run();
            return Thread.currentThread().isInterrupted();
        }, started);

        Waiting.awaitWaiting(thread.thread, BLOCK_WITHIN);
        thread.thread.interrupt();
        assertThat(thread.result())
                .as("the interrupt flag when run() returned after an interrupt while it waited for a value")
                .isTrue();
        assertThat(consumer.sum()).as("sum() after 2 and an interrupt").isEqualTo(2);
    }

    /**
     * The alarm holds an alert open. All values the consumer could take next are already in the queue, so either it
     * waits for the acknowledgement (and the state seen is final), or it takes them and stops only in take() on an
     * empty queue.
     */
    private static void assertStopsAndWaits(Worker<Void> thread, ThresholdConsumer consumer, BlockingQueue<Integer> queue,
            String alertName, long sum, int left) {
        Thread.State state = Waiting.awaitWaiting(thread.thread, BLOCK_WITHIN);
        if (state == Thread.State.TERMINATED || consumer.sum() != sum || queue.size() != left) {
            fail("While the alarm had not yet acknowledged %s, the consumer should wait in ack.await() with sum() %d and"
                    + " %d values left in the queue, but it %s, with sum() %d and %d values left. After an alert the"
                    + " consumer must wait for ack, and clear ack once it has it: an ack that stays set lets the next"
                    + " await() return at once.", alertName, sum, left,
                    state == Thread.State.TERMINATED ? "had returned from run()" : "was " + state,
                    consumer.sum(), queue.size());
        }
    }
}
