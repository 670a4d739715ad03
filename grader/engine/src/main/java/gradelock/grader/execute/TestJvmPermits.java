package gradelock.grader.execute;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many test JVMs this process keeps alive at once, at most, so that they fit in its memory: a course platform's
 * container has little (Gradescope's default is 768 MB), and there the exercises graded at once, their lanes and
 * their spare JVMs would together be killed for memory, taking the whole grading with them. A JVM a test needs waits
 * for a permit; a spare one is started only if a permit is free at once. On a machine with memory to spare the
 * permits are more than gradelock ever starts, and nothing waits.
 */
final class TestJvmPermits {

    /** Measured: a test JVM took 35 to 110 MB (resident) without a class-data archive, 75 MB on average. */
    static final long MEGABYTES_PER_TEST_JVM = 128;
    /** Measured: the grader's own JVM took 200 MB (resident) while grading a hanging exercise in lanes. */
    static final long MEGABYTES_FOR_THE_GRADER = 256;
    /** One to run and one to start, at the least, whatever the memory. */
    static final int AT_LEAST = 2;

    /** This process's permits, from the memory it may use (a container's limit, where it runs in one). */
    static final TestJvmPermits FOR_THIS_MACHINE = forMemory(memoryMegabytes());

    private final int permits;
    private final Semaphore free;
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger mostInUse = new AtomicInteger();

    TestJvmPermits(int permits) {
        this.permits = permits;
        this.free = new Semaphore(permits);
    }

    static TestJvmPermits forMemory(long megabytes) {
        return new TestJvmPermits(permitsFor(megabytes));
    }

    static int permitsFor(long megabytes) {
        return (int) Math.max(AT_LEAST, Math.min(Integer.MAX_VALUE, (megabytes - MEGABYTES_FOR_THE_GRADER) / MEGABYTES_PER_TEST_JVM));
    }

    private static long memoryMegabytes() {
        // the JDK reads a container's limit here (cgroups), and the machine's memory outside one
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / (1024 * 1024);
    }

    /** Waits for a permit, for a test JVM a test needs. */
    void acquire() throws InterruptedException {
        free.acquire();
        taken();
    }

    /** A permit if one is free now, for a spare test JVM. */
    boolean tryAcquire() {
        if (!free.tryAcquire()) {
            return false;
        }
        taken();
        return true;
    }

    void release() {
        inUse.decrementAndGet();
        free.release();
    }

    private void taken() {
        mostInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
    }

    int permits() {
        return permits;
    }

    /** The most test JVMs alive at once so far. */
    int mostInUse() {
        return mostInUse.get();
    }
}
