package gradelock.grader.fork;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a test, as the watchdog and the listener share it. Whoever decides its verdict first wins;
 * the other stays silent.
 *
 * @param firstThreadId threads with an id at least this were started during the run (ids only grow)
 */
record TestRun(String methodId, Thread runner, long startNanos, long firstThreadId, long limitMillis,
               AtomicBoolean decided) {

    static TestRun begin(String methodId, long limitMillis) {
        long firstThreadId = new Thread(() -> { }).threadId();
        return new TestRun(methodId, Thread.currentThread(), System.nanoTime(), firstThreadId, limitMillis, new AtomicBoolean());
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
