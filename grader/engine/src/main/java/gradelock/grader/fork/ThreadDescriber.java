package gradelock.grader.fork;

import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.ThreadKind;
import gradelock.grader.model.WaitingThread;
import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a thread dump entry into a sentence a student can act on: which thread, what it waits for,
 * who holds that, and the line of the submission it is stuck at. Test code is never quoted, since a
 * hidden test's code must stay hidden.
 */
final class ThreadDescriber {

    private static final Map<String, String> FRIENDLY_LOCKS = Map.of(
            "java.util.concurrent.locks.ReentrantLock$NonfairSync", "a ReentrantLock",
            "java.util.concurrent.locks.ReentrantLock$FairSync", "a ReentrantLock",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "a Condition",
            "java.util.concurrent.Semaphore$NonfairSync", "a Semaphore",
            "java.util.concurrent.Semaphore$FairSync", "a Semaphore",
            "java.util.concurrent.CountDownLatch$Sync", "a CountDownLatch",
            "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync", "a ReentrantReadWriteLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock$FairSync", "a ReentrantReadWriteLock",
            "java.lang.Object", "an Object");

    private static final int MAX_CALLERS = 2;

    private final SubmissionFrames frames;
    private final long testThreadId;

    ThreadDescriber(SubmissionFrames frames, long testThreadId) {
        this.frames = frames;
        this.testThreadId = testThreadId;
    }

    String name(ThreadInfo thread) {
        return kind(thread.getThreadId()).written(thread.getThreadName());
    }

    private ThreadKind kind(long threadId) {
        return threadId == testThreadId ? ThreadKind.TEST : ThreadKind.PLATFORM;
    }

    Optional<SourceLocation> location(ThreadInfo thread) {
        return frames.innermost(thread.getStackTrace());
    }

    /** {@code "consumer-2" waits (Object.wait) on a BoundedBuffer (#1b6d3586) at BoundedBuffer.java:40 (take)} */
    String describe(ThreadInfo thread) {
        StringBuilder text = new StringBuilder(name(thread)).append(' ').append(activity(thread));
        if (thread.getLockOwnerName() != null && thread.getLockInfo() != null) {
            text.append(" held by ").append(ownerName(thread));
        }
        text.append(' ').append(where(thread));
        return text.toString();
    }

    /** The same thread as an edge of the wait-for graph: what it waits for, who holds that, and where. */
    WaitingThread waiting(ThreadInfo thread) {
        LockInfo lock = thread.getLockInfo();
        String lockName = lock == null ? null : lockName(lock);
        boolean held = thread.getLockOwnerName() != null && lock != null;
        String waiting = switch (thread.getThreadState()) {
            case BLOCKED -> "is blocked entering synchronized code";
            case WAITING, TIMED_WAITING -> waitKind(thread);
            case RUNNABLE -> "is running";
            default -> "is " + thread.getThreadState().toString().toLowerCase();
        };
        return new WaitingThread(thread.getThreadName(), kind(thread.getThreadId()), waiting, lockName,
                held ? thread.getLockOwnerName() : null, held ? kind(thread.getLockOwnerId()) : null,
                location(thread).map(SourceLocation::toString).orElse(null));
    }

    /** A virtual thread as an edge of the wait-for graph; a virtual thread's dump names no holder. */
    WaitingThread waiting(VirtualThreads.Snapshot thread) {
        String lock = thread.waitingOn() == null ? null : monitorName(thread.waitingOn());
        return new WaitingThread(virtualName(thread), ThreadKind.VIRTUAL, "is " + thread.state().toString().toLowerCase(), lock,
                null, null, location(thread).map(SourceLocation::toString).orElse(null));
    }

    private static String virtualName(VirtualThreads.Snapshot thread) {
        return thread.name().isEmpty() ? ThreadKind.unnamedVirtual(thread.id()) : thread.name();
    }

    private String ownerName(ThreadInfo thread) {
        return kind(thread.getLockOwnerId()).written(thread.getLockOwnerName());
    }

    private String activity(ThreadInfo thread) {
        LockInfo lock = thread.getLockInfo();
        String lockName = lock == null ? "" : lockName(lock);
        return switch (thread.getThreadState()) {
            case BLOCKED -> "is blocked entering synchronized code on " + lockName;
            case WAITING, TIMED_WAITING -> waitKind(thread) + (lock == null ? "" : " on " + lockName);
            case RUNNABLE -> "is running";
            default -> "is " + thread.getThreadState().toString().toLowerCase();
        };
    }

    private static String waitKind(ThreadInfo thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        String timed = thread.getThreadState() == Thread.State.TIMED_WAITING ? " with a timeout" : "";
        if (stack.length > 0 && stack[0].getClassName().equals("java.lang.Object") && stack[0].getMethodName().startsWith("wait")) {
            return "waits in Object.wait()" + timed;
        }
        if (stack.length > 0 && stack[0].getClassName().equals("java.lang.Thread") && stack[0].getMethodName().startsWith("sleep")) {
            return "sleeps";
        }
        return "waits (parked)" + timed;
    }

    private String where(ThreadInfo thread) {
        List<SourceLocation> chain = frames.all(thread.getStackTrace());
        if (!chain.isEmpty()) {
            // the innermost line, and the submission's callers above it, so a helper method is seen in context
            StringBuilder text = new StringBuilder("at ").append(chain.get(0));
            chain.stream().skip(1).limit(MAX_CALLERS).forEach(caller -> text.append(", called from ").append(caller));
            return text.toString();
        }
        return thread.getThreadId() == testThreadId ? "(in the test's code)" : "(outside your code)";
    }

    Optional<SourceLocation> location(VirtualThreads.Snapshot thread) {
        return frames.innermost(thread.stack().toArray(StackTraceElement[]::new));
    }

    /** {@code virtual thread "fetcher-3" waits in Object.wait() on an Object at Fetcher.java:12 (get)} */
    String describe(VirtualThreads.Snapshot thread) {
        StackTraceElement[] stack = thread.stack().toArray(StackTraceElement[]::new);
        String activity = switch (thread.state()) {
            case BLOCKED -> "is blocked entering synchronized code";
            case WAITING, TIMED_WAITING -> stack.length > 0 && stack[0].getClassName().equals("java.lang.Object")
                    && stack[0].getMethodName().startsWith("wait") ? "waits in Object.wait()" : "waits (parked)";
            default -> "is " + thread.state().toString().toLowerCase();
        };
        String on = thread.waitingOn() == null ? "" : " on " + monitorName(thread.waitingOn());
        List<SourceLocation> chain = frames.all(stack);
        StringBuilder where = new StringBuilder(chain.isEmpty() ? "(outside your code)" : "at " + chain.get(0));
        chain.stream().skip(1).limit(MAX_CALLERS).forEach(caller -> where.append(", called from ").append(caller));
        return ThreadKind.VIRTUAL.written(virtualName(thread)) + " " + activity + on + " " + where;
    }

    /** {@code java.lang.Object@5c5eefef}, as thread dumps write a monitor, in the words of {@link #lockName}. */
    private String monitorName(String written) {
        int at = written.lastIndexOf('@');
        if (at < 0) {
            return written;
        }
        try {
            return lockName(new LockInfo(written.substring(0, at), Integer.parseUnsignedInt(written.substring(at + 1), 16)));
        } catch (NumberFormatException e) {
            return written;
        }
    }

    String lockName(LockInfo lock) {
        String className = lock.getClassName();
        String friendly = FRIENDLY_LOCKS.get(className);
        if (friendly == null) {
            String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
            friendly = (frames.isSubmissionClass(className) ? "the monitor of a " : "a ") + simple;
        }
        return friendly + " (#" + Integer.toHexString(lock.getIdentityHashCode()) + ")";
    }
}
