package multiprocess;

import gradelock.testkit.Points;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hidden tests of Armstrong: every number below 100 000, the edges of a range, and the largest longs. */
@Timeout(10)
class ArmstrongHiddenTests {

    /** All Armstrong numbers of 19 digits: their terms reach 9^19, and their sums can pass Long.MAX_VALUE. */
    private static final List<Long> NINETEEN_DIGITS =
            List.of(1517841543307505039L, 3289582984443187032L, 4498128791164624869L, 4929273885928088826L);

    @Test
    @Points(2)
    void everyArmstrongNumberBelowOneHundredThousandAndNoOther() {
        assertThat(Armstrong.findInRange(0, 100_000)).as("findInRange(0, 100000)")
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 153L, 370L, 371L, 407L, 1634L, 8208L, 9474L,
                        54748L, 92727L, 93084L);
    }

    @Test
    @Points(2)
    void nineteenDigitNumbersAreTestedExactly() {
        for (long n : NINETEEN_DIGITS) {
            assertThat(Armstrong.isArmstrong(n)).as("isArmstrong(%d): a 19-digit Armstrong number", n).isTrue();
            assertThat(Armstrong.isArmstrong(n + 1)).as("isArmstrong(%d): one more than an Armstrong number", n + 1).isFalse();
            assertThat(Armstrong.isArmstrong(n - 1)).as("isArmstrong(%d): one less than an Armstrong number", n - 1).isFalse();
        }
        assertThat(Armstrong.isArmstrong(Long.MAX_VALUE)).as("isArmstrong(Long.MAX_VALUE)").isFalse();
        assertThat(Armstrong.isArmstrong(9_999_999_999_999_999L)).as("isArmstrong(9999999999999999)").isFalse();
        assertThat(Armstrong.findInRange(4929273885928088820L, 4929273885928088830L))
                .as("findInRange(4929273885928088820, 4929273885928088830)").containsExactly(4929273885928088826L);
    }

    @Test
    void theEdgesOfARange() {
        assertThat(Armstrong.findInRange(370, 371)).as("findInRange(370, 371)").containsExactly(370L);
        assertThat(Armstrong.findInRange(371, 407)).as("findInRange(371, 407)").containsExactly(371L);
        assertThat(Armstrong.findInRange(0, 1)).as("findInRange(0, 1)").containsExactly(0L);
        assertThat(Armstrong.findInRange(0, 0)).as("findInRange(0, 0)").isEmpty();
        assertThat(Armstrong.findInRange(408, 1634)).as("findInRange(408, 1634)").isEmpty();
        assertThatThrownBy(() -> Armstrong.findInRange(-5, -1)).as("findInRange(-5, -1)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Armstrong.findInRange(371, 370)).as("findInRange(371, 370)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Armstrong.isArmstrong(Long.MIN_VALUE)).as("isArmstrong(Long.MIN_VALUE)").isInstanceOf(IllegalArgumentException.class);
    }
}
