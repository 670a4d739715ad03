package boundedbuffer;

import java.time.Duration;
import java.util.Locale;

/**
 * A copy of {@code gradelock.testkit.Deadline}, which a student's build does not have; the grader's tests keep the two
 * the same.
 *
 * <p>How long a test waits for the submission to do what the test expects of it, before it fails with its own sentence
 * ("expected call(21) to return within 10 s").
 *
 * <p>In a plain build (a student's {@code ./mvnw test}) the wait is the one the test names. Under the grader it is no
 * longer than the test's calibrated time limit: {@value #LIMIT_PROPERTY} holds it, 20 times what the reference
 * solution spends running in the whole test plus twice what it spends waiting, at least 1 s, which is as fair to the
 * wait as the limit is to the test. Code that never does what
 * the test waits for then fails in a second or two instead of ten, and correct code, even ten times slower than the
 * reference, is not affected.
 *
 * <p>Only for waits that correct code ends early (a result arrives, a thread blocks, a child process exits); never for
 * a wait that is part of the contract (a timeout the student's code must honour), nor for a measuring window.
 *
 * @param length        how long to wait
 * @param isTestsLimit  whether the wait was shortened to the test's limit under the grader
 */
record Deadline(Duration length, boolean isTestsLimit) {

    /** The system property through which the grader's test JVM gives the running test's limit, in milliseconds. */
    public static final String LIMIT_PROPERTY = "gradelock.test.limit.millis";

    /**
     * @param usual how long the test waits in a plain build
     * @return {@code usual}, or the running test's limit under the grader when that is shorter
     */
    public static Deadline atMost(Duration usual) {
        long limitMillis = testLimitMillis();
        if (limitMillis > 0 && limitMillis < usual.toMillis()) {
            return new Deadline(Duration.ofMillis(limitMillis), true);
        }
        return new Deadline(usual, false);
    }

    /** {@link #atMost(Duration)} in seconds, as most tests name their waits. */
    public static Deadline atMostSeconds(long usualSeconds) {
        return atMost(Duration.ofSeconds(usualSeconds));
    }

    private static long testLimitMillis() {
        try {
            return Long.parseLong(System.getProperty(LIMIT_PROPERTY, "0"));
        } catch (NumberFormatException | SecurityException unreadable) {
            return 0; // not under the grader, or a submission wrote nonsense there: wait the usual time
        }
    }

    public long toMillis() {
        return length.toMillis();
    }

    /** The point in {@link System#nanoTime()} this deadline ends at, counted from now. */
    public long endNanosFromNow() {
        return System.nanoTime() + length.toNanos();
    }

    /** For a failure message: "10 s", "500 ms", or "1.8 s (the grader's limit for this test)". */
    @Override
    public String toString() {
        long millis = length.toMillis();
        String amount = millis < 1_000 ? millis + " ms"
                : millis % 1_000 == 0 ? millis / 1_000 + " s"
                : String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
        return isTestsLimit ? amount + " (the grader's limit for this test)" : amount;
    }
}
