package gradelock.grader.fork;

import gradelock.grader.model.CalibratedLimits;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a test, as the watchdog and the listener share it. Whoever decides its verdict first wins;
 * the other stays silent.
 *
 * @param firstThreadId threads with an id at least this were started during the run (ids only grow)
 * @param limitMillis   the ceiling: JUnit interrupts the run then (the test's {@code @Timeout}, or the exercise's)
 * @param calibrated    the run's tighter limit, from the reference's durations, where one is known and below the ceiling
 */
record TestRun(String methodId, Thread runner, long startNanos, long firstThreadId, long limitMillis,
               Optional<CalibratedLimits.TestLimit> calibrated, AtomicBoolean decided) {

    static TestRun begin(String methodId, long limitMillis, Optional<CalibratedLimits.TestLimit> calibrated) {
        long firstThreadId = new Thread(() -> { }).threadId();
        Optional<CalibratedLimits.TestLimit> tighter = calibrated.filter(limit -> limit.limitMillis() < limitMillis);
        return new TestRun(methodId, Thread.currentThread(), System.nanoTime(), firstThreadId, limitMillis, tighter, new AtomicBoolean());
    }

    boolean belongsToRun(long threadId) {
        return threadId >= firstThreadId || threadId == runner.threadId();
    }

    /** True for the one caller that gets to report this run's verdict. */
    boolean decide() {
        return decided.compareAndSet(false, true);
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
