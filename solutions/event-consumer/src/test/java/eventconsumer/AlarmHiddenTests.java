package eventconsumer;

import gradelock.testkit.Points;
import gradelock.testkit.Threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of {@link Alarm}. The test thread plays the consumer: it sets {@code alert}, waits for
 * {@code ack} without a time limit (so a lost alert is reported as a stall, with each thread's line) and clears it.
 */
@Timeout(5)
class AlarmHiddenTests {

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
    @Points(2)
    void answersEachAlertOnceOnItsOwnThread() throws Exception {
        Event alert = new Event();
        Event ack = new Event();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        Worker<Void> alarm = Worker.startVoid("alarm", new Alarm(alert, ack, () -> ranOn.add(Thread.currentThread()))::run, started);

        Waiting.awaitWaiting(alarm.thread, BLOCK_WITHIN);
        assertThat(ranOn).as("onAlert calls before any alert was raised").isEmpty();
        for (int round = 1; round <= 3; round++) {
            alert.set();
            ack.await();
            ack.clear();
            assertThat(ranOn).as("onAlert calls once alert number %d was acknowledged", round).hasSize(round);
        }
        assertThat(ranOn).as("the threads onAlert ran on: the alarm's own").containsOnly(alarm.thread);
        assertThat(alarm.isDone()).as("whether the alarm's run() returned although nobody interrupted it").isFalse();
    }

    @Test
    @Points(3)
    void clearsTheAlertBeforeItAcknowledgesSoTheNextAlertIsNotLost() throws Exception {
        Event alert = new Event();
        Event ack = new Event();
        CountDownLatch inOnAlert = new CountDownLatch(1);
        CountDownLatch finishOnAlert = new CountDownLatch(1);
        CountDownLatch leftOnAlert = new CountDownLatch(1);
        AtomicInteger warnings = new AtomicInteger();
        Worker<Void> alarm = Worker.startVoid("alarm", new Alarm(alert, ack, () -> {
            if (warnings.incrementAndGet() == 1) {
                inOnAlert.countDown();
                awaitUninterruptibly(finishOnAlert);
                leftOnAlert.countDown();
            }
        })::run, started);

        alert.set();
        inOnAlert.await();
        boolean nextAlertRaised = false;
        // While the test holds alert's monitor, an event that guards its flag with its own monitor cannot be
        // cleared: the alarm stops at alert.clear(), before or after it set ack. If it set ack first, the consumer
        // may rightly raise its next alert now, and the alarm's late clear() wipes it out.
        synchronized (alert) {
            finishOnAlert.countDown();
            leftOnAlert.await(); // so that the state seen next is not the alarm's wait in onAlert
            Waiting.awaitWaiting(alarm.thread, BLOCK_WITHIN);
            if (Threads.isWaitingOnMonitorOf(alarm.thread, alert) && ack.isSet()) {
                ack.clear();
                alert.set();
                nextAlertRaised = true;
            }
        }
        if (!nextAlertRaised) {
            ack.await();
            ack.clear();
            alert.set();
        }
        // Without a limit: a lost alert leaves the alarm waiting for alert and this thread for ack (stalled).
        ack.await();
        ack.clear();
        assertThat(warnings.get()).as("onAlert calls after two acknowledged alerts").isEqualTo(2);
        assertThat(alert.isSet()).as("alert.isSet() after both alerts were acknowledged").isFalse();
    }

    @Test
    @Points(2)
    void returnsWhenInterruptedWhileWaitingForAnAlert() throws Exception {
        AtomicInteger warnings = new AtomicInteger();
        Worker<Void> alarm = Worker.startVoid("alarm", new Alarm(new Event(), new Event(), warnings::incrementAndGet)::run, started);
        Thread.State state = Waiting.awaitWaiting(alarm.thread, BLOCK_WITHIN);
        if (state == Thread.State.TERMINATED) {
            fail("The alarm should wait for an alert until it is interrupted, but its run() ended at once: %s", alarm.outcome());
        }

        alarm.thread.interrupt();
        alarm.result(); // without a limit: an alarm that catches the interrupt and waits on is reported as stalled
        assertThat(warnings.get()).as("onAlert calls without any alert").isZero();
    }

    @Test
    void anAlarmInterruptedBetweenAlertsReturns() throws Exception {
        Event alert = new Event();
        Event ack = new Event();
        AtomicInteger warnings = new AtomicInteger();
        Worker<Void> alarm = Worker.startVoid("alarm", new Alarm(alert, ack, warnings::incrementAndGet)::run, started);
        alert.set();
        ack.await();
        ack.clear();
        Waiting.awaitWaiting(alarm.thread, BLOCK_WITHIN);

        alarm.thread.interrupt();
        alarm.result();
        assertThat(warnings.get()).as("onAlert calls for one alert").isEqualTo(1);
        assertThat(alert.isSet()).as("alert.isSet() after the alarm answered and stopped").isFalse();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
