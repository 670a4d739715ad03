package gradelock.grader.fork;

import gradelock.grader.execute.ForkMessage;
import gradelock.grader.model.CalibratedLimits;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.WaitingThread;
import gradelock.grader.model.Verdict;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the running test from a thread of its own and names what JUnit cannot see: a deadlock (a cycle
 * of threads each waiting for a lock another holds), a stall (every thread of the test waiting, no
 * cycle, nothing changing: a lost wakeup), a test that outlives the limit calibrated from the reference while the
 * submission's code holds it, and a test that outlives its ceiling because it ignores interrupts. Each is reported
 * within a fraction of a second of forming, instead of at the ceiling.
 *
 * <p>A stall must be certain before it is reported: every thread the test started, and the test's own
 * thread, waits without a timeout; no other thread of the application runs; and for {@code stallMillis}
 * no thread's state, wait or block counts, or CPU time changes. Virtual threads, which ThreadMXBean does not
 * see, are checked in a thread dump before a stall is reported: one that sleeps or runs means no stall.
 */
final class Watchdog implements Runnable {

    private static final long POLL_MILLIS = 50;
    /** JUnit interrupts a test at its limit; past this grace the test ignores interrupts and the JVM is given up. */
    private static final long HARD_LIMIT_GRACE_MILLIS = 2_000;
    private static final int MAX_THREADS_LISTED = 8;
    private static final int POLLS_PAST_LIMIT = 2;
    /** Limits of what one test may hold at once, checked every {@link #POLLS_PER_LIMITS_CHECK} polls. */
    static final int MAX_LIVE_THREADS = 1_000;
    static final int MAX_CHILD_PROCESSES = 32;
    static final long MAX_TEMPORARY_BYTES = 256L * 1024 * 1024;
    private static final int POLLS_PER_LIMITS_CHECK = 5;
    /** The platform threads that virtual threads run on. */
    static final String CARRIER_THREAD = "jdk.internal.misc.CarrierThread";
    /** The JDK's system threads started on demand (the virtual threads' unblocker and unparker, cleaners). */
    static final String JDK_SYSTEM_THREAD = "jdk.internal.misc.InnocuousThread";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ResultChannel channel;
    private final SubmissionFrames frames;
    private final long stallMillis;
    private final Set<Long> infrastructure = new HashSet<>();
    private final Map<Long, String> classOfThread = new HashMap<>();
    private volatile TestRun current;

    private List<String> quietSignature = List.of();
    /** The run past its calibrated limit, how many polls the submission has held it there, and when a deadline of the test's was last seen. */
    private TestRun pastLimitRun;
    private int pastLimitPolls;
    private long lastTestDeadlineMillis;
    private long quietSinceNanos;
    private int pollsSinceLimitsChecked;

    Watchdog(ResultChannel channel, SubmissionFrames frames, long stallMillis) {
        this.channel = channel;
        this.frames = frames;
        this.stallMillis = stallMillis;
        Arrays.stream(threads.getAllThreadIds()).forEach(infrastructure::add);
    }

    /** Starts watching; threads alive now (the JVM's, JUnit's, the grader's) never count as the test's. */
    static Watchdog start(ResultChannel channel, SubmissionFrames frames, long stallMillis) {
        Watchdog watchdog = new Watchdog(channel, frames, stallMillis);
        Thread thread = new Thread(watchdog, "gradelock-watchdog");
        thread.setDaemon(true);
        watchdog.infrastructure.add(thread.threadId());
        thread.start();
        return watchdog;
    }

    void watch(TestRun run) {
        current = run;
    }

    void stopWatching() {
        current = null;
    }

    @Override
    public void run() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            TestRun run = current;
            if (run == null || run.decided().get()) {
                quietSignature = List.of();
                continue;
            }
            run.looked(isBusy(run));
            if (checkDeadlock(run) || checkStall(run) || checkTimeLimits(run) || checkResourceLimits(run)) {
                return; // this JVM is tainted: the grader ends it and runs the rest in a fresh one
            }
        }
    }

    /**
     * Whether anything of the run is running: a thread of it, its own thread included, or a carrier of virtual threads
     * (which carries one of them while it runs); or a child process, whose work no thread shows. Calibration counts the
     * runs' busy time and their waiting apart ({@link CalibratedLimits}).
     */
    private boolean isBusy(TestRun run) {
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (thread != null && thread.getThreadState() == Thread.State.RUNNABLE && isWatched(run, thread)
                    && (run.belongsToRun(thread.getThreadId()) || threadClass(thread.getThreadId()).equals(CARRIER_THREAD))) {
                return true;
            }
        }
        return ProcessHandle.current().children().findAny().isPresent();
    }

    private boolean checkDeadlock(TestRun run) {
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked == null || Arrays.stream(deadlocked).noneMatch(run::belongsToRun)) {
            return false;
        }
        ThreadInfo[] cycle = threads.getThreadInfo(deadlocked, true, true);
        ThreadDescriber describer = new ThreadDescriber(frames, run.runner().threadId());
        StringBuilder message = new StringBuilder("Deadlock: these threads each hold a lock that another of them needs, so none can go on:");
        List<SourceLocation> locations = new ArrayList<>();
        List<WaitingThread> waiting = new ArrayList<>();
        for (ThreadInfo thread : cycle) {
            if (thread == null) {
                continue;
            }
            message.append("\n  - ").append(describer.describe(thread));
            describer.location(thread).ifPresent(locations::add);
            waiting.add(describer.waiting(thread));
        }
        message.append("\nTake locks in one fixed order everywhere, or hold only one at a time.");
        return report(run, Verdict.DEADLOCK, message.toString(), locations, waiting);
    }

    private boolean checkStall(TestRun run) {
        ThreadInfo[] all = threads.getThreadInfo(threads.getAllThreadIds(), 0);
        List<ThreadInfo> testThreads = new ArrayList<>();
        List<String> signature = new ArrayList<>();
        boolean virtualThreadsMayExist = false;
        for (ThreadInfo thread : all) {
            if (thread == null || !isWatched(run, thread)) {
                continue;
            }
            Thread.State state = thread.getThreadState();
            // Any thread's CPU time moving means work is being done, virtual threads' work included (on carriers).
            signature.add(thread.getThreadId() + ":" + state + ":" + thread.getBlockedCount() + ":" + thread.getWaitedCount()
                    + ":" + threads.getThreadCpuTime(thread.getThreadId()));
            String threadClass = threadClass(thread.getThreadId());
            if (threadClass.equals(CARRIER_THREAD)) {
                virtualThreadsMayExist = true;
                if (state == Thread.State.RUNNABLE) {
                    quietSignature = List.of();
                    return false; // a virtual thread is running on it
                }
                continue; // an idle carrier, parked with or without a timeout, says nothing about the test
            }
            if (threadClass.equals(JDK_SYSTEM_THREAD)) {
                continue; // the JDK's own helpers (the virtual threads' unblocker, cleaners) wait in native code
            }
            boolean ofThisRun = run.belongsToRun(thread.getThreadId());
            if (ofThisRun && state != Thread.State.WAITING && state != Thread.State.BLOCKED || state == Thread.State.RUNNABLE) {
                quietSignature = List.of();
                return false; // someone can still make progress
            }
            if (ofThisRun) {
                testThreads.add(thread);
            }
        }
        if (testThreads.isEmpty() || ProcessHandle.current().children().findAny().isPresent()) {
            quietSignature = List.of(); // a child process may be the one still working
            return false;
        }
        long now = System.nanoTime();
        if (!signature.equals(quietSignature)) {
            quietSignature = signature;
            quietSinceNanos = now;
            return false;
        }
        long quietMillis = (now - quietSinceNanos) / 1_000_000;
        if (quietMillis < stallMillis) {
            return false;
        }
        List<VirtualThreads.Snapshot> strandedVirtual = List.of();
        if (virtualThreadsMayExist) {
            Optional<List<VirtualThreads.Snapshot>> virtual = VirtualThreads.snapshot();
            if (virtual.isEmpty() || virtual.get().stream().anyMatch(VirtualThreads.Snapshot::canProgressOnItsOwn)) {
                quietSignature = List.of(); // a virtual thread sleeps or runs (or cannot be seen): not a stall
                return false;
            }
            strandedVirtual = virtual.get();
        }
        ThreadInfo[] detailed = threads.getThreadInfo(testThreads.stream().mapToLong(ThreadInfo::getThreadId).toArray(), true, true);
        ThreadDescriber describer = new ThreadDescriber(frames, run.runner().threadId());
        StringBuilder message = new StringBuilder(String.format(
                "Stalled: for %.1f s every thread of this test has been waiting, with no deadlock cycle and nothing left to wake them"
                        + " (typically a lost wakeup: notify() woke the wrong thread, or a condition that is never signalled;"
                        + " or every thread of a pool waiting for tasks queued behind it on the same pool):",
                quietMillis / 1000.0));
        List<SourceLocation> locations = new ArrayList<>();
        List<WaitingThread> waiting = new ArrayList<>();
        listThreads(detailed, describer, message, locations, waiting);
        strandedVirtual.stream().limit(MAX_THREADS_LISTED).forEach(thread -> {
            message.append("\n  - ").append(describer.describe(thread));
            describer.location(thread).ifPresent(locations::add);
            waiting.add(describer.waiting(thread));
        });
        if (strandedVirtual.size() > MAX_THREADS_LISTED) {
            message.append("\n  ... and ").append(strandedVirtual.size() - MAX_THREADS_LISTED).append(" more virtual threads");
        }
        return report(run, Verdict.STALLED, message.toString(), locations, waiting);
    }

    /**
     * Ends a test whose code takes more than a test JVM can give: threads alive at once, child processes, or bytes in
     * the temporary folder. A JVM at such a limit may fail anywhere, the grader's own threads included, so its
     * verdict is given while that can still be done, and the JVM is ended.
     */
    private boolean checkResourceLimits(TestRun run) {
        if (++pollsSinceLimitsChecked < POLLS_PER_LIMITS_CHECK) {
            return false;
        }
        pollsSinceLimitsChecked = 0;
        int live = threads.getThreadCount();
        if (live > MAX_LIVE_THREADS) {
            return report(run, Verdict.ERROR, String.format("Too many threads: %d threads were alive at once, more than the %d a test may"
                    + " have; a loop that starts threads without end? The test was stopped.", live, MAX_LIVE_THREADS), List.of(), List.of());
        }
        long children = ProcessHandle.current().descendants().count();
        if (children > MAX_CHILD_PROCESSES) {
            return report(run, Verdict.ERROR, String.format("Too many processes: %d child processes were alive at once, more than the %d a"
                    + " test may have; processes that start processes without end? The test was stopped.", children, MAX_CHILD_PROCESSES),
                    List.of(), List.of());
        }
        long tempBytes = TemporaryFolder.bytesUsed();
        if (tempBytes > MAX_TEMPORARY_BYTES) {
            return report(run, Verdict.ERROR, String.format("Too much disk: the test's temporary files took %d MiB, more than the %d MiB a"
                    + " test may use. The test was stopped.", tempBytes >> 20, MAX_TEMPORARY_BYTES >> 20), List.of(), List.of());
        }
        return false;
    }

    private boolean checkTimeLimits(TestRun run) {
        long elapsed = run.elapsedMillis();
        if (elapsed >= run.limitMillis() + HARD_LIMIT_GRACE_MILLIS) {
            return reportTimeout(run, String.format(
                    "Timed out: the test did not finish within its limit of %s, and did not stop when interrupted. Its threads:",
                    duration(run.limitMillis())));
        }
        if (run.calibrated().isEmpty()) {
            return false;
        }
        CalibratedLimits.TestLimit calibrated = run.calibrated().get();
        if (elapsed < calibrated.limitMillis()) {
            return false;
        }
        if (!quietSignature.isEmpty() && elapsed < calibrated.limitMillis() + stallMillis + 2 * POLL_MILLIS) {
            return false; // every thread waits: the stall watch is under way, and its verdict says more
        }
        if (run != pastLimitRun) {
            pastLimitRun = run;
            pastLimitPolls = 0;
            lastTestDeadlineMillis = -1;
        }
        if (anyThreadWaitsWithATestDeadline(run)) {
            lastTestDeadlineMillis = elapsed;
        }
        if (lastTestDeadlineMillis >= 0 && elapsed < lastTestDeadlineMillis + calibrated.limitMillis()) {
            pastLimitPolls = 0;
            return false; // the test bounds this wait itself, and has its limit again, after it, to act on how it ended
        }
        if (!heldBySubmission(run.runner())) {
            pastLimitPolls = 0;
            return false; // the test's own code is busy (ArchUnit scanning classes, say): not the submission's to answer for
        }
        if (++pastLimitPolls < POLLS_PAST_LIMIT) {
            return false; // seen once more, so that a test caught between two steps of its own is not taken for a hung one
        }
        return reportTimeout(run, String.format("Timed out: the test ran %s, past its limit of %s, and was stopped; %s Its threads:",
                duration(elapsed), duration(calibrated.limitMillis()), calibrated.explained()));
    }

    /**
     * The test's own thread is held by the submission while it waits with no deadline (for threads the submission runs,
     * typically), in a timed wait the submission asked for, or runs with the submission's code on its stack; running
     * in the test's own code alone, it is doing the test's work.
     */
    private boolean heldBySubmission(Thread runner) {
        ThreadInfo info = threads.getThreadInfo(runner.threadId(), Integer.MAX_VALUE);
        if (info == null) {
            return false;
        }
        return switch (info.getThreadState()) {
            case WAITING, BLOCKED -> true;
            case TIMED_WAITING -> !waitsWithATestDeadline(info);
            default -> frames.innermost(info.getStackTrace()).isPresent();
        };
    }

    /**
     * A thread of the run in a timed wait of the test's: the test's own thread in a {@code join(2000)}, an {@code await} with a
     * timeout or Awaitility's polling, or a task the test gave the submission waiting for a barrier with a timeout.
     */
    private boolean anyThreadWaitsWithATestDeadline(TestRun run) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds(), Integer.MAX_VALUE))
                .filter(thread -> thread != null && isWatched(run, thread) && run.belongsToRun(thread.getThreadId()))
                .anyMatch(this::waitsWithATestDeadline);
    }

    /** In a timed wait that the test's code asked for: the innermost frame outside the JDK is not the submission's. */
    private boolean waitsWithATestDeadline(ThreadInfo thread) {
        if (thread.getThreadState() != Thread.State.TIMED_WAITING) {
            return false;
        }
        return Arrays.stream(thread.getStackTrace()).filter(frame -> !isJdkFrame(frame)).findFirst()
                .map(innermost -> !frames.isSubmissionFrame(innermost)).orElse(false);
    }

    private static boolean isJdkFrame(StackTraceElement frame) {
        String className = frame.getClassName();
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
    }

    private boolean reportTimeout(TestRun run, String heading) {
        long[] ids = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds(), 0))
                .filter(thread -> thread != null && isWatched(run, thread) && run.belongsToRun(thread.getThreadId()))
                .mapToLong(ThreadInfo::getThreadId)
                .toArray();
        ThreadInfo[] detailed = threads.getThreadInfo(ids, true, true);
        ThreadDescriber describer = new ThreadDescriber(frames, run.runner().threadId());
        StringBuilder message = new StringBuilder(heading);
        List<SourceLocation> locations = new ArrayList<>();
        listThreads(detailed, describer, message, locations, new ArrayList<>());
        return report(run, Verdict.TIMEOUT, message.toString(), locations, List.of());
    }

    /** A duration as a student reads it: {@code 40 ms}, {@code 1.5 s}. */
    static String duration(long millis) {
        return CalibratedLimits.duration(millis);
    }

    /** The class of a live platform thread, looked up once per thread: the JDK's own threads are told apart by class. */
    private String threadClass(long threadId) {
        String known = classOfThread.get(threadId);
        if (known != null) {
            return known;
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            classOfThread.putIfAbsent(thread.threadId(), thread.getClass().getName());
        }
        return classOfThread.getOrDefault(threadId, "");
    }

    /** Application threads and the test's own thread; not the JVM's, JUnit's or the grader's. */
    private boolean isWatched(TestRun run, ThreadInfo thread) {
        long id = thread.getThreadId();
        return id == run.runner().threadId() || !infrastructure.contains(id) && !thread.getThreadName().startsWith("junit-");
    }

    private static void listThreads(ThreadInfo[] detailed, ThreadDescriber describer, StringBuilder message,
                                    List<SourceLocation> locations, List<WaitingThread> waiting) {
        List<ThreadInfo> present = Arrays.stream(detailed).filter(Objects::nonNull).toList();
        present.stream().limit(MAX_THREADS_LISTED).forEach(thread -> {
            message.append("\n  - ").append(describer.describe(thread));
            describer.location(thread).ifPresent(locations::add);
            waiting.add(describer.waiting(thread));
        });
        if (present.size() > MAX_THREADS_LISTED) {
            message.append("\n  ... and ").append(present.size() - MAX_THREADS_LISTED).append(" more threads");
        }
    }

    private boolean report(TestRun run, Verdict verdict, String message, List<SourceLocation> locations, List<WaitingThread> waiting) {
        if (!run.decide()) {
            return false;
        }
        channel.sendTaintingVerdict(new ForkMessage.RunFinished(run.methodId(), verdict, message, run.elapsedMillis(), locations, waiting,
                run.busyMillis()));
        return true;
    }
}
