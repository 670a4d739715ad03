package gradelock.grader.fork;

import gradelock.grader.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Finds what a test's code started and left running: platform threads and child processes alive after the test
 * than were not alive before it, once they have had {@link #GRACE_MILLIS} to end. The JDK's own shared threads (the
 * common pool's workers, virtual threads' carriers) are not the test's to stop, and JUnit's and the grader's threads
 * are not the submission's.
 */
final class LeakCheck {

    static final long GRACE_MILLIS = 500;
    private static final Set<String> JDK_SHARED_THREAD_CLASSES = Set.of(Watchdog.CARRIER_THREAD, Watchdog.JDK_SYSTEM_THREAD);

    private final SubmissionFrames frames;
    private Set<Long> threadsBefore = Set.of();
    private Set<Long> processesBefore = Set.of();

    LeakCheck(SubmissionFrames frames) {
        this.frames = frames;
    }

    /** Remembers what runs before a test starts. */
    void before() {
        threadsBefore = candidateThreads().stream().map(Thread::threadId).collect(Collectors.toSet());
        processesBefore = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** What the test left running, in a sentence per thread or process, or empty if nothing is left. */
    Optional<String> after() {
        long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        List<Thread> threads;
        List<ProcessHandle> processes;
        do {
            threads = candidateThreads().stream().filter(thread -> !threadsBefore.contains(thread.threadId())).toList();
            processes = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .filter(process -> !processesBefore.contains(process.pid())).toList();
            if (threads.isEmpty() && processes.isEmpty()) {
                return Optional.empty();
            }
            LockSupport.parkNanos(10_000_000); // give what is ending a moment to end
        } while (System.nanoTime() - deadline < 0);
        List<String> left = new ArrayList<>();
        for (Thread thread : threads) {
            Optional<SourceLocation> at = frames.innermost(thread.getStackTrace());
            left.add((thread.isDaemon() ? "daemon thread \"" : "thread \"") + thread.getName() + "\" ("
                    + thread.getState().toString().toLowerCase() + at.map(location -> " at " + location).orElse(", outside your code") + ")");
        }
        for (ProcessHandle process : processes) {
            left.add("child process " + process.pid() + process.info().commandLine().map(line -> " (" + abbreviate(line) + ")").orElse(""));
        }
        // the same thread left by each of several calls is one line, with its count
        Map<String, Long> counted = left.stream().collect(Collectors.groupingBy(line -> line, LinkedHashMap::new, Collectors.counting()));
        List<String> lines = counted.entrySet().stream()
                .map(entry -> entry.getValue() == 1 ? entry.getKey() : entry.getValue() + " × " + entry.getKey()).toList();
        return Optional.of("The test passed, but " + left.size() + (left.size() == 1 ? " thing" : " things") + " its code started"
                + " still ran " + GRACE_MILLIS + " ms after it ended, and stopping them is part of the task:\n  - "
                + String.join("\n  - ", lines));
    }

    private static List<Thread> candidateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !thread.getName().startsWith("junit-") && !thread.getName().startsWith("gradelock-"))
                .filter(thread -> !isTheJdks(thread))
                .toList();
    }

    /**
     * The JDK's own threads, which it starts on demand and ends when it sees fit: virtual threads' carriers and
     * helpers, the common pool's workers, a pool's delay scheduler. Threads of the plain classes, which every
     * executor's thread factory makes, are the application's.
     */
    private static boolean isTheJdks(Thread thread) {
        Class<?> type = thread.getClass();
        if (JDK_SHARED_THREAD_CLASSES.contains(type.getName())) {
            return true;
        }
        if (thread instanceof ForkJoinWorkerThread worker) {
            return worker.getPool() == ForkJoinPool.commonPool();
        }
        return type != Thread.class && type.getModule() == Thread.class.getModule();
    }

    private static String abbreviate(String commandLine) {
        return commandLine.length() <= 120 ? commandLine : commandLine.substring(0, 119) + "…";
    }
}
