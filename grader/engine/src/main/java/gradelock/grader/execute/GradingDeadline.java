package gradelock.grader.execute;

import java.time.Duration;

/**
 * When a whole grading must end, as {@code grade --deadline} sets it: a course platform kills an autograder that runs
 * past its own timeout, and the student then gets nothing at all. At the deadline the tests still running are stopped,
 * and they, the tests after them and the exercises not started are reported not run, each with one of the sentences
 * below; nothing graded before it is lost.
 *
 * @param atNanos when it passes, on {@link System#nanoTime()}'s clock
 * @param length  how long the grading was given, as the reports name it; null for no deadline
 */
public record GradingDeadline(long atNanos, Duration length) {

    /** No deadline: each exercise still has its own budget. */
    public static final GradingDeadline NONE = new GradingDeadline(Long.MAX_VALUE, null);

    /** The deadline {@code length} after {@code startNanos}, or none if {@code length} is null. */
    public static GradingDeadline after(long startNanos, Duration length) {
        if (length == null) {
            return NONE;
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a grading's deadline must be after its start, but was " + length);
        }
        return new GradingDeadline(startNanos + length.toNanos(), length);
    }

    public boolean passed() {
        return length != null && System.nanoTime() - atNanos >= 0;
    }

    /** Why a test that had not begun at the deadline has no verdict. */
    public String notRunReason() {
        return "Not run: grading reached its deadline of " + seconds() + " before this test.";
    }

    /** Why a test that was running at the deadline has no verdict: it was stopped, not shown to hang. */
    public String stoppedReason() {
        return "Not run to its end: grading reached its deadline of " + seconds() + " while this test was running, so it was stopped.";
    }

    /** Why an exercise whose tests had not begun at the deadline was not graded. */
    public String exerciseNotRunReason() {
        return "Not graded: grading reached its deadline of " + seconds() + " before this exercise's tests began (the exercises"
                + " graded before it took that long), so none of them ran.";
    }

    private String seconds() {
        return length.toSeconds() + " s";
    }
}
