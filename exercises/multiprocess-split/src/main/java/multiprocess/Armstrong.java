package multiprocess;

import java.util.List;

/**
 * Armstrong numbers (narcissistic numbers): a number of {@code k} decimal digits that equals the sum of its digits,
 * each raised to the power {@code k}. 153 is one: 1³ + 5³ + 3³ = 153.
 */
public final class Armstrong {

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
        throw new UnsupportedOperationException("TODO: sum the digits of n, each to the power of the number of digits");
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
        throw new UnsupportedOperationException("TODO: test every n of [from, to) with isArmstrong");
    }
}
