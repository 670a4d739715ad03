package gradelock.testkit;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Observations of the threads a test started: whether they block, how often they have waited, how much CPU they
 * burn and which monitor they wait on. They let a test prove an interleaving from the outside instead of
 * sleeping and hoping.
 *
 * <p>Everything here reads the JVM's own bookkeeping ({@link ThreadMXBean}); nothing changes the observed
 * threads. It does not detect deadlocks or stalls: the grader's watchdog does that for every test.
 */
public final class Threads {

    private static final Set<Thread.State> PARKED_OR_DONE =
            EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED, Thread.State.TERMINATED);
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    private Threads() {
    }

    /**
     * Waits until {@code thread} has stopped running: it is waiting (timed or not), blocked on a monitor, or has
     * terminated. Which of these it reached is returned, so the test decides what it expected.
     *
     * @param thread a started thread
     * @param atMost how long to wait before failing; under the grader, no longer than the test's limit ({@link Deadline})
     * @return the state the thread was seen in: WAITING, TIMED_WAITING, BLOCKED or TERMINATED
     * @throws org.opentest4j.AssertionFailedError if the thread was still running (or not yet started) after
     *         {@code atMost}; the message names the thread and shows where it was running
     */
    public static Thread.State awaitStopped(Thread thread, Duration atMost) {
        Deadline wait = Deadline.atMost(atMost);
        long deadline = wait.endNanosFromNow();
        Thread.State state = thread.getState();
        while (!PARKED_OR_DONE.contains(state)) {
            if (System.nanoTime() - deadline > 0) {
                fail(String.format("Expected thread '%s' to block (wait or sleep) within %s, but it was still %s at %s",
                        thread.getName(), wait, state, topFrames(thread)));
            }
            LockSupport.parkNanos(POLL_NANOS);
            state = thread.getState();
        }
        return state;
    }

    /**
     * How many times {@code thread} has waited so far: in {@code Object.wait}, {@code LockSupport.park} (which
     * {@code Condition}s, {@code Semaphore}s and latches use), {@code Thread.join} or {@code Thread.sleep}. A
     * thread that went back to waiting after a wake-up has a higher count than before it.
     *
     * @param thread a live thread
     * @return the number of waits, or -1 if the thread has terminated
     */
    public static long waitedCount(Thread thread) {
        ThreadInfo info = mxBean().getThreadInfo(thread.threadId());
        return info == null ? -1 : info.getWaitedCount();
    }

    /**
     * The CPU time {@code thread} has used so far, in nanoseconds. Compare two readings with the wall time between
     * them to tell a thread that sleeps while it waits from one that spins.
     *
     * @param thread a live thread
     * @return CPU nanoseconds, or -1 if the thread has terminated
     * @throws UnsupportedOperationException if this JVM cannot measure per-thread CPU time
     */
    public static long cpuTimeNanos(Thread thread) {
        ThreadMXBean mxBean = mxBean();
        if (!mxBean.isThreadCpuTimeEnabled()) {
            mxBean.setThreadCpuTimeEnabled(true);
        }
        return mxBean.getThreadCpuTime(thread.threadId());
    }

    /**
     * Watches {@code thread} for {@code window}, which the caller expects it to spend waiting, and reports how busy it
     * was: the CPU it used and how often it was seen runnable. {@link Activity#looksBusy()} tells spinning from
     * waiting, on an idle machine and on a loaded one alike.
     *
     * @param thread a started thread that should be waiting
     * @param window how long to watch; a few hundred milliseconds is plenty
     * @return what the thread did; {@link Activity#ended()} if it ended while watched
     * @throws InterruptedException if the calling thread is interrupted while watching
     */
    public static Activity activityOver(Thread thread, Duration window) throws InterruptedException {
        long cpuBefore = cpuTimeNanos(thread);
        long start = System.nanoTime();
        long end = start + window.toNanos();
        int looks = 0;
        int runnable = 0;
        boolean ended = cpuBefore < 0;
        while (!ended && System.nanoTime() - end < 0) {
            Thread.State state = thread.getState();
            ended = state == Thread.State.TERMINATED;
            looks++;
            if (state == Thread.State.RUNNABLE) {
                runnable++;
            }
            Thread.sleep(Duration.ofNanos(POLL_NANOS)); // the pace of the looks, not synchronization
        }
        long cpuAfter = cpuTimeNanos(thread);
        long wall = System.nanoTime() - start;
        ended |= cpuAfter < 0;
        double cpuShare = ended ? 0 : (double) (cpuAfter - cpuBefore) / wall;
        return new Activity(Duration.ofNanos(wall), cpuShare, looks == 0 ? 0 : (double) runnable / looks, ended);
    }

    /**
     * Whether {@code thread} is waiting in {@code monitor.wait()} or blocked entering {@code synchronized (monitor)}:
     * that is, whether the code it runs uses that very object's monitor. A thread parked by a
     * {@code java.util.concurrent} lock, condition or semaphore is not waiting on any monitor.
     *
     * @param thread a thread
     * @param monitor the object whose monitor to look for
     * @return {@code true} if the thread waits for, or on, that object's monitor right now
     */
    public static boolean isWaitingOnMonitorOf(Thread thread, Object monitor) {
        ThreadInfo info = mxBean().getThreadInfo(thread.threadId(), 1);
        if (info == null) {
            return false;
        }
        Thread.State state = info.getThreadState();
        StackTraceElement[] top = info.getStackTrace();
        // A parked thread reports its blocker (say, a Condition) as its lock: only Object.wait or a blocked
        // entry into synchronized code means it is on a monitor.
        boolean onAMonitor = state == Thread.State.BLOCKED
                || (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                        && top.length > 0 && top[0].getClassName().equals("java.lang.Object");
        LockInfo lock = info.getLockInfo();
        return onAMonitor
                && lock != null
                && lock.getIdentityHashCode() == System.identityHashCode(monitor)
                && lock.getClassName().equals(monitor.getClass().getName());
    }

    private static String topFrames(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        if (stack.length == 0) {
            return "(no stack: not started or already ended)";
        }
        return Arrays.stream(stack).limit(4).map(StackTraceElement::toString)
                .collect(Collectors.joining(" <- "));
    }

    private static ThreadMXBean mxBean() {
        return ManagementFactory.getThreadMXBean();
    }
}
