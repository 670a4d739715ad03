package gradelock.testkit;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineTests {

    @AfterEach
    void leaveThePlainBuild() {
        System.clearProperty(Deadline.LIMIT_PROPERTY);
    }

    @Test
    void aPlainBuildWaitsTheUsualTime() {
        Deadline deadline = Deadline.atMostSeconds(10);

        assertThat(deadline.length()).isEqualTo(Duration.ofSeconds(10));
        assertThat(deadline.isTestsLimit()).isFalse();
        assertThat(deadline).hasToString("10 s");
    }

    @Test
    void theGraderShortensAWaitToTheTestsLimitAndTheMessageSaysWhy() {
        System.setProperty(Deadline.LIMIT_PROPERTY, "1800");

        Deadline deadline = Deadline.atMostSeconds(10);

        assertThat(deadline.length()).isEqualTo(Duration.ofMillis(1_800));
        assertThat(deadline).hasToString("1.8 s (the grader's limit for this test)");
    }

    @Test
    void aLimitLongerThanTheUsualWaitChangesNothing() {
        System.setProperty(Deadline.LIMIT_PROPERTY, "6100");

        Deadline deadline = Deadline.atMost(Duration.ofSeconds(5));

        assertThat(deadline.length()).isEqualTo(Duration.ofSeconds(5));
        assertThat(deadline.isTestsLimit()).isFalse();
    }

    @Test
    void anUnreadableLimitLeavesTheUsualWait() {
        System.setProperty(Deadline.LIMIT_PROPERTY, "soon");

        assertThat(Deadline.atMost(Duration.ofMillis(3_000))).hasToString("3 s");
    }

    @Test
    void awaitStoppedGivesUpAtTheTestsLimitAndSaysSo() {
        System.setProperty(Deadline.LIMIT_PROPERTY, "100");
        Thread spinner = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        });
        try {
            assertThatThrownBy(() -> Threads.awaitStopped(spinner, Duration.ofSeconds(30)))
                    .hasMessageContaining("within 100 ms (the grader's limit for this test)");
        } finally {
            spinner.interrupt();
        }
    }
}
