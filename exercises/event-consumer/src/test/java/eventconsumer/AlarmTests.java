package eventconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public tests of {@link Alarm}, task 4 of the README. The test plays the consumer: it sets {@code alert} and
 * waits for {@code ack}.
 */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class AlarmTests {

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
    @DisplayName("4.1 The alarm runs onAlert for an alert, clears the alert and acknowledges it")
    void answersAnAlert() throws Exception {
        Event alert = new Event();
        Event ack = new Event();
        AtomicInteger warnings = new AtomicInteger();
        Worker.startVoid("alarm", new Alarm(alert, ack, warnings::incrementAndGet)::run, started);

        alert.set();
        Deadline deadline = Deadline.atMost(BLOCK_WITHIN);
        assertThat(ack.await(deadline.toMillis(), TimeUnit.MILLISECONDS))
                .as("whether the alarm set ack within %s of the alert", deadline).isTrue();
        assertThat(warnings.get()).as("how often onAlert ran for one alert").isEqualTo(1);
        assertThat(alert.isSet()).as("isSet() of alert once it was acknowledged").isFalse();
    }

    @Test
    @DisplayName("4.2 The alarm returns when it is interrupted while it waits for an alert")
    void returnsWhenInterrupted() throws Exception {
        Worker<Void> alarm = Worker.startVoid("alarm", new Alarm(new Event(), new Event(), () -> { })::run, started);
        await("thread 'alarm' waiting for an alert").atMost(Deadline.atMost(BLOCK_WITHIN).length())
                .until(() -> Waiting.isWaiting(alarm.thread) || alarm.isDone());

        alarm.thread.interrupt();
        alarm.result(BLOCK_WITHIN, "After an interrupt, the alarm's run() should have returned");
    }
}
