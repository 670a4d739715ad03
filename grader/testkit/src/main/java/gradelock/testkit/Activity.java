package gradelock.testkit;

import java.time.Duration;

/**
 * What a thread did over a window in which it was supposed to wait: the share of a CPU core it used, and the share
 * of samples in which the JVM saw it runnable rather than waiting, blocked or sleeping.
 *
 * <p>The two complement each other. A spinning thread burns CPU, but on a loaded machine it may get little of it;
 * it is still runnable whenever it is looked at, because the JVM counts a thread ready to run as runnable whether
 * or not a core runs it. A thread that waits properly is parked in every sample and uses next to no CPU.
 *
 * @param window how long the thread was watched
 * @param cpuShare CPU time used divided by the window (1.0 is one core, all of the time)
 * @param runnableShare samples that saw the thread RUNNABLE, divided by all samples
 * @param ended whether the thread ended during the window (then it did not wait at all)
 */
public record Activity(Duration window, double cpuShare, double runnableShare, boolean ended) {

    /** More than this share of a core while waiting is spinning. */
    public static final double MAX_CPU_SHARE_WHILE_WAITING = 0.2;
    /** Runnable in more than this share of samples while waiting is spinning, however little CPU the machine gave. */
    public static final double MAX_RUNNABLE_SHARE_WHILE_WAITING = 0.5;

    /** Whether the thread looked busy: it used CPU, or kept running, where it should have been parked. */
    public boolean looksBusy() {
        return cpuShare > MAX_CPU_SHARE_WHILE_WAITING || runnableShare > MAX_RUNNABLE_SHARE_WHILE_WAITING;
    }

    /** A phrase for failure messages, such as "used 97% of a CPU core and was running in 100% of 150 looks over 300 ms". */
    public String describe() {
        return String.format("used %.0f%% of a CPU core and was running in %.0f%% of the looks over %d ms",
                cpuShare * 100, runnableShare * 100, window.toMillis());
    }
}
