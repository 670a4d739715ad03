package eventconsumer;

import gradelock.testkit.Points;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of {@link Pipeline}. The pipeline's threads are its own, so the test reaches them through
 * {@code onAlert} (which runs on the alarm thread, and can hold the consumer still) and through the JVM's list of
 * live platform threads.
 */
@Timeout(10)
class PipelineHiddenTests {

    /** How long the caller of Pipeline.run must sit still, waiting, before it counts as waiting for the consumer. */
    private static final Duration SETTLED = Duration.ofMillis(300);
    private static final Duration SETTLE_AT_MOST = Duration.ofSeconds(5);
    private static final Duration END_WITHIN = Duration.ofSeconds(1);
    private static final Set<Thread.State> PARKED =
            EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED);

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
    void countsEveryValueAndEveryAlert() throws Exception {
        assertRun(80, 100, 3160, 18, 31);  // the seed's numbers
        assertRun(5, 0, 10, 4, 4);         // every value but 0 exceeds 0 on its own (and 0 does not)
        assertRun(10, 1_000, 45, 0, 0);
        assertRun(1, 0, 0, 0, 0);
        assertRun(0, 5, 0, 0, 0);
    }

    @Test
    @Points(2)
    void everyRunCountsTheValueOfEveryProducer() throws Exception {
        // STOP must go into the queue after the last producer's value. Whether a late producer comes after an early
        // STOP depends on scheduling, so the test runs the pipeline many times (see DESIGN.md for the figures).
        for (int run = 1; run <= 40; run++) {
            Pipeline.Result result = Pipeline.run(12, 1_000, () -> { });
            if (result.sum() != 66) {
                fail("Pipeline.run(12, 1000, ...) should count the values 0 to 11 of all 12 producers (sum 66), but run"
                        + " %d of 40 returned sum %d. Put STOP into the queue only once every producer has put its"
                        + " value (join them first): the consumer stops at STOP and never sees what comes after it.",
                        run, result.sum());
            }
        }
    }

    @Test
    @Points(3)
    void returnsOnlyOnceTheConsumerHasFinished() throws Exception {
        // 6 producers put 0..5 (sum 15), threshold 14: the only alert comes when the consumer has taken every value,
        // so every producer is done. onAlert holds the consumer there until the caller has returned (the bug) or has
        // sat still, waiting, for a while (waiting for the consumer, as it should).
        AtomicBoolean onAlertDone = new AtomicBoolean();
        AtomicBoolean onAlertInterrupted = new AtomicBoolean();
        AtomicInteger warnings = new AtomicInteger();
        AtomicReference<Thread> caller = new AtomicReference<>();
        Worker<String> run = Worker.start("pipeline-caller", () -> {
            caller.set(Thread.currentThread());
            Pipeline.Result result = Pipeline.run(6, 14, () -> {
                warnings.incrementAndGet();
                awaitReturnedOrSettled(caller.get());
                onAlertInterrupted.set(Thread.currentThread().isInterrupted());
                onAlertDone.set(true);
            });
            return onAlertDone.get() ? "after onAlert returned, with " + result
                    : "while onAlert was still running, with " + result;
        }, started);

        String returned = run.result();
        if (!returned.startsWith("after")) {
            fail("Pipeline.run(6, 14, ...) should return only once the consumer has finished, but it returned %s (the"
                    + " consumer was still waiting for that alert's acknowledgement). After putting STOP, wait for the"
                    + " consumer's thread to end (join it) before reading its sum() and alerts().", returned);
        }
        if (onAlertInterrupted.get()) {
            fail("Pipeline.run(6, 14, ...) should stop the alarm only once the consumer has finished, but it interrupted"
                    + " the alarm while onAlert was still running for the alert the consumer was waiting on. After"
                    + " putting STOP, wait for the consumer's thread to end (join it), and only then stop the alarm.");
        }
        assertThat(warnings.get()).as("onAlert calls for 6 producers (sum 15) and threshold 14").isEqualTo(1);
        assertThat(returned).as("when and with what Pipeline.run(6, 14, ...) returned")
                .isEqualTo("after onAlert returned, with " + new Pipeline.Result(15, 1));
    }

    @Test
    @Points(3)
    void leavesNoThreadItStartedRunning() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<Thread> onAlertThreads = new CopyOnWriteArrayList<>();

        Pipeline.Result result = Pipeline.run(6, 0, () -> onAlertThreads.add(Thread.currentThread()));

        assertThat(result).as("Pipeline.run(6, 0, ...)").isEqualTo(new Pipeline.Result(15, 5));
        assertThat(onAlertThreads).as("the threads onAlert ran on").isNotEmpty().doesNotContain(Thread.currentThread());
        List<Thread> suspects = new ArrayList<>(onAlertThreads.stream().distinct().toList());
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && !suspects.contains(thread) && runsExerciseCode(thread)) {
                suspects.add(thread);
            }
        }
        long deadline = System.nanoTime() + END_WITHIN.toNanos();
        for (Thread thread : suspects) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        List<String> leftRunning = suspects.stream()
                .filter(Thread::isAlive)
                .map(PipelineHiddenTests::describe)
                .toList();
        if (!leftRunning.isEmpty()) {
            fail("Pipeline.run should leave no thread it started running once it returns, but %d ms later these were"
                    + " still alive: %s. Stop the alarm (interrupt it) and wait for it to end (join it) before"
                    + " returning.", END_WITHIN.toMillis(), String.join("; ", leftRunning));
        }
    }

    private static void assertRun(int producers, int threshold, long sum, int minAlerts, int maxAlerts) throws Exception {
        AtomicInteger warnings = new AtomicInteger();
        Pipeline.Result result = Pipeline.run(producers, threshold, warnings::incrementAndGet);
        String call = "Pipeline.run(" + producers + ", " + threshold + ", ...)";
        assertThat(result.sum()).as("the sum %s returned (the values 0 to %d)", call, producers - 1).isEqualTo(sum);
        assertThat(result.alerts()).as("the alerts %s returned, against how often onAlert ran", call)
                .isEqualTo(warnings.get());
        assertThat(result.alerts()).as("the alerts %s returned", call).isBetween(minAlerts, maxAlerts);
    }

    /**
     * Waits until {@code caller} has ended, or has sat parked (same state, no new wait or block) for {@link #SETTLED},
     * at most {@link #SETTLE_AT_MOST}, or until the alarm thread running this is interrupted. A caller that joins the
     * consumer settles; one that returns early ends, or stops the alarm while this alert is still being answered.
     */
    private static void awaitReturnedOrSettled(Thread caller) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long giveUp = System.nanoTime() + SETTLE_AT_MOST.toNanos();
        long stillSince = System.nanoTime();
        String last = "";
        while (System.nanoTime() - giveUp < 0) {
            ThreadInfo info = mx.getThreadInfo(caller.threadId());
            if (info == null || caller.getState() == Thread.State.TERMINATED || Thread.currentThread().isInterrupted()) {
                return;
            }
            String now = info.getThreadState() + "/" + info.getWaitedCount() + "/" + info.getBlockedCount();
            if (!PARKED.contains(info.getThreadState()) || !now.equals(last)) {
                last = now;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince >= SETTLED.toNanos()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // the pace of the looks, not synchronization
        }
    }

    private static boolean runsExerciseCode(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith("eventconsumer.")
                        && !frame.getClassName().contains("Tests"));
    }

    private static String describe(Thread thread) {
        String where = Arrays.stream(thread.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("eventconsumer."))
                .findFirst()
                .map(frame -> " at " + frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName()
                        + ":" + frame.getLineNumber() + ")")
                .orElse("");
        return "thread '" + thread.getName() + "' (" + thread.getState() + ")" + where;
    }

}
