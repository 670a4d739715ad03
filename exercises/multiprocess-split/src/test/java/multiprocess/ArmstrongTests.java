package multiprocess;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public tests of task 1 (Armstrong), numbered after the tasks in README.md. No process is started here. */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class ArmstrongTests {

    @Test
    @DisplayName("1.1 the Armstrong numbers below 2000 are 0 to 9, 153, 370, 371, 407 and 1634")
    void smallArmstrongNumbers() {
        for (long n : List.of(0L, 1L, 5L, 9L, 153L, 370L, 371L, 407L, 1634L)) {
            assertThat(Armstrong.isArmstrong(n)).as("isArmstrong(%d): %d is an Armstrong number", n, n).isTrue();
        }
        for (long n : List.of(10L, 11L, 100L, 152L, 154L, 372L, 1000L, 1633L)) {
            assertThat(Armstrong.isArmstrong(n)).as("isArmstrong(%d): %d is not an Armstrong number", n, n).isFalse();
        }
    }

    @Test
    @DisplayName("1.2 isArmstrong rejects a negative number")
    void rejectsNegative() {
        assertThatThrownBy(() -> Armstrong.isArmstrong(-153)).as("isArmstrong(-153)")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("1.3 findInRange lists [from, to) ascending: from included, to not")
    void findInRange() {
        assertThat(Armstrong.findInRange(0, 2000)).as("findInRange(0, 2000)")
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 153L, 370L, 371L, 407L, 1634L);
        assertThat(Armstrong.findInRange(153, 371)).as("findInRange(153, 371): 153 is in, 371 is not").containsExactly(153L, 370L);
        assertThat(Armstrong.findInRange(400, 400)).as("findInRange(400, 400): an empty range").isEmpty();
    }

    @Test
    @DisplayName("1.4 findInRange rejects a negative start and a start after the end")
    void findInRangeRejectsBadRanges() {
        assertThatThrownBy(() -> Armstrong.findInRange(-1, 10)).as("findInRange(-1, 10)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Armstrong.findInRange(10, 5)).as("findInRange(10, 5)").isInstanceOf(IllegalArgumentException.class);
    }
}
