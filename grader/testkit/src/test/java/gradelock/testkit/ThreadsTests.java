package gradelock.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ThreadsTests {

    private static final Duration GENEROUS = Duration.ofSeconds(5);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean stopSpinning = new AtomicBoolean();

    @AfterEach
    void releaseThreads() {
        release.countDown();
        stopSpinning.set(true);
    }

    @Test
    void awaitStoppedReturnsWaitingForAThreadBlockedOnALatch() {
        Thread waiter = started("waiter", this::awaitRelease);

        assertThat(Threads.awaitStopped(waiter, GENEROUS)).isEqualTo(Thread.State.WAITING);
    }

    @Test
    void awaitStoppedReturnsTerminatedForAThreadThatEnded() throws InterruptedException {
        Thread quick = started("quick", () -> { });
        quick.join();

        assertThat(Threads.awaitStopped(quick, GENEROUS)).isEqualTo(Thread.State.TERMINATED);
    }

    @Test
    void awaitStoppedFailsNamingAThreadThatKeepsRunning() {
        Thread spinner = started("spinner", this::spin);

        assertThatThrownBy(() -> Threads.awaitStopped(spinner, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'spinner'")
                .hasMessageContaining("RUNNABLE")
                .hasMessageContaining("ThreadsTests.spin");
    }

    @Test
    void waitedCountGrowsEachTimeAThreadWaitsAgain() throws InterruptedException {
        Object monitor = new Object();
        CountDownLatch secondWait = new CountDownLatch(1);
        Thread waiter = started("waiter", () -> {
            synchronized (monitor) {
                try {
                    monitor.wait();
                    secondWait.countDown();
                    monitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Threads.awaitStopped(waiter, GENEROUS);
        long before = Threads.waitedCount(waiter);

        synchronized (monitor) {
            monitor.notifyAll();
        }
        secondWait.await();
        Threads.awaitStopped(waiter, GENEROUS);

        assertThat(Threads.waitedCount(waiter)).isGreaterThan(before);
        waiter.interrupt();
        waiter.join();
        assertThat(Threads.waitedCount(waiter)).as("a terminated thread").isEqualTo(-1);
    }

    @Test
    void cpuTimeGrowsForASpinningThreadOnly() {
        Thread spinner = started("spinner", this::spin);
        Thread waiter = started("waiter", this::awaitRelease);
        Threads.awaitStopped(waiter, GENEROUS);
        long spinnerBefore = Threads.cpuTimeNanos(spinner);
        long waiterBefore = Threads.cpuTimeNanos(waiter);

        // However loaded the machine, a spinner is given CPU sooner or later; a waiter, never.
        long tenMillis = Duration.ofMillis(10).toNanos();
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (Threads.cpuTimeNanos(spinner) - spinnerBefore <= tenMillis && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }

        assertThat(Threads.cpuTimeNanos(spinner) - spinnerBefore).isGreaterThan(tenMillis);
        assertThat(Threads.cpuTimeNanos(waiter) - waiterBefore).isLessThan(tenMillis);
    }

    @Test
    void activityOverTellsASpinningThreadFromAWaitingOne() throws InterruptedException {
        Thread spinner = started("spinner", this::spin);
        Thread waiter = started("waiter", this::awaitRelease);
        Threads.awaitStopped(waiter, GENEROUS);

        Activity spinning = Threads.activityOver(spinner, Duration.ofMillis(200));
        Activity waiting = Threads.activityOver(waiter, Duration.ofMillis(200));

        assertThat(spinning.looksBusy()).as("spinner " + spinning.describe()).isTrue();
        assertThat(spinning.runnableShare()).as("share of looks that saw the spinner runnable").isEqualTo(1.0);
        assertThat(waiting.looksBusy()).as("waiter " + waiting.describe()).isFalse();
        assertThat(waiting.runnableShare()).as("share of looks that saw the waiter runnable").isZero();
        assertThat(waiting.ended()).isFalse();
    }

    @Test
    void activityOverReportsAThreadThatEndsInsteadOfWaiting() throws InterruptedException {
        Thread quick = started("quick", () -> { });
        quick.join();

        assertThat(Threads.activityOver(quick, Duration.ofMillis(50)).ended()).isTrue();
    }

    @Test
    void isWaitingOnMonitorOfSeesWaitAndBlockedEntryOnThatObjectOnly() {
        Object monitor = new Object();
        Object other = new Object();
        Thread waiter = started("waiter", () -> {
            synchronized (monitor) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Threads.awaitStopped(waiter, GENEROUS);
        assertThat(Threads.isWaitingOnMonitorOf(waiter, monitor)).as("waiting in monitor.wait()").isTrue();
        assertThat(Threads.isWaitingOnMonitorOf(waiter, other)).as("another object").isFalse();

        synchronized (other) {
            Thread entering = started("entering", () -> {
                synchronized (other) {
                    Thread.onSpinWait();
                }
            });
            Threads.awaitStopped(entering, GENEROUS);
            assertThat(Threads.isWaitingOnMonitorOf(entering, other)).as("blocked entering synchronized (other)").isTrue();
        }
        waiter.interrupt();
    }

    @Test
    void isWaitingOnMonitorOfIsFalseForAThreadParkedOnACondition() {
        ReentrantLock lock = new ReentrantLock();
        Condition condition = lock.newCondition();
        Thread waiter = started("waiter", () -> {
            lock.lock();
            try {
                condition.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        Threads.awaitStopped(waiter, GENEROUS);

        assertThat(Threads.isWaitingOnMonitorOf(waiter, lock)).isFalse();
        assertThat(Threads.isWaitingOnMonitorOf(waiter, condition)).isFalse();
        waiter.interrupt();
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void spin() {
        while (!stopSpinning.get()) {
            Thread.onSpinWait();
        }
    }

    private static Thread started(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
