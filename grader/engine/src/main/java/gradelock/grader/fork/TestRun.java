package gradelock.grader.fork;

import gradelock.grader.model.CalibratedLimits;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of a test, as the watchdog and the listener share it. Whoever decides its verdict first wins;
 * the other stays silent.
 *
 * @param firstThreadId threads with an id at least this were started during the run (ids only grow)
 * @param limitMillis   the ceiling: JUnit interrupts the run then (the test's {@code @Timeout}, or the exercise's)
 * @param calibrated    the run's tighter limit, from the reference's durations, where one is known and below the ceiling
 * @param looks         how many times the watchdog looked at the run, and in how many of them something of it ran
 */
record TestRun(String methodId, Thread runner, long startNanos, long firstThreadId, long limitMillis,
               Optional<CalibratedLimits.TestLimit> calibrated, AtomicBoolean decided, AtomicInteger looks, AtomicInteger busyLooks) {

    static TestRun begin(String methodId, long limitMillis, Optional<CalibratedLimits.TestLimit> calibrated) {
        long firstThreadId = new Thread(() -> { }).threadId();
        Optional<CalibratedLimits.TestLimit> tighter = calibrated.filter(limit -> limit.limitMillis() < limitMillis);
        return new TestRun(methodId, Thread.currentThread(), System.nanoTime(), firstThreadId, limitMillis, tighter, new AtomicBoolean(),
                new AtomicInteger(), new AtomicInteger());
    }

    /** What the watchdog saw at one of its looks: something of the run running (or a child process alive), or all waiting. */
    void looked(boolean busy) {
        looks.incrementAndGet();
        if (busy) {
            busyLooks.incrementAndGet();
        }
    }

    /**
     * How much of the run so far something of it was running, from the watchdog's looks. Counted as if one more look
     * had found it running, so that a run seen a few times only (or never, under 50 ms) counts as busy rather than idle.
     */
    long busyMillis() {
        long elapsed = elapsedMillis();
        return Math.min(elapsed, elapsed * (busyLooks.get() + 1) / (looks.get() + 1));
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
