package multiprocess;

import java.util.ArrayList;
import java.util.List;

/**
 * Armstrong numbers (narcissistic numbers): a number of {@code k} decimal digits that equals the sum of its digits,
 * each raised to the power {@code k}. 153 is one: 1³ + 5³ + 3³ = 153.
 *
 * <p>Made slower on purpose: every number tested costs a fixed extra time, as if each test did redundant work.
 */
public final class Armstrong {

    /** Extra cost of each number tested, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 600;

    private Armstrong() {
    }

    /**
     * Tells whether {@code n} is an Armstrong number: 0 to 9, 153, 370, 371, 407, 1634, ... Exact for every
     * {@code long}, the nineteen-digit ones included.
     *
     * @param n the number to test, {@code n >= 0}
     * @return whether {@code n} equals the sum of its decimal digits, each raised to the number of its digits
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static boolean isArmstrong(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        dawdle();
        int digits = Long.toString(n).length();
        long sum = 0;
        for (long rest = n; rest > 0; rest /= 10) {
            long term = power((int) (rest % 10), digits);
            // every term is >= 0, so once the sum passes n it stays past it; stopping here also keeps it from overflowing
            if (term > n - sum) {
                return false;
            }
            sum += term;
        }
        return sum == n;
    }

    /** {@code digit} to the power {@code exponent}, exactly: at most 9^19, which fits a long. */
    private static long power(int digit, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= digit;
        }
        return result;
    }

    /**
     * Every Armstrong number of {@code [from, to)}, ascending.
     *
     * @param from the first number to test, {@code >= 0}
     * @param to one past the last number to test, {@code >= from}
     * @return the Armstrong numbers {@code n} with {@code from <= n < to}, ascending
     * @throws IllegalArgumentException if {@code from < 0} or {@code from > to}
     */
    public static List<Long> findInRange(long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("need 0 <= from <= to, was from=" + from + ", to=" + to);
        }
        List<Long> found = new ArrayList<>();
        for (long n = from; n < to; n++) {
            if (isArmstrong(n)) {
                found.add(n);
            }
        }
        return found;
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path, never while waiting. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
