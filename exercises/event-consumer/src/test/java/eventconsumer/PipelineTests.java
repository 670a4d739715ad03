package eventconsumer;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The public tests of {@link Pipeline}, task 5 of the README. */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class PipelineTests {

    @Test
    @DisplayName("5.1 The seed's program: 80 producers, a threshold of 100")
    void theSeedsProgram() throws Exception {
        AtomicInteger warnings = new AtomicInteger();

        Pipeline.Result result = Pipeline.run(80, 100, warnings::incrementAndGet);

        assertThat(result.sum()).as("the sum of 0, 1, ..., 79").isEqualTo(3160);
        assertThat(result.alerts()).as("alerts counted by the consumer, against how often onAlert ran")
                .isEqualTo(warnings.get());
        // Each alert takes more than 100 and at most 100 + 79; at most 100 is left over after the last one.
        assertThat(result.alerts()).as("alerts for a sum of 3160 and a threshold of 100").isBetween(18, 31);
    }

    @Test
    @DisplayName("5.2 Without producers the sum is 0 and nothing is alerted")
    void noProducers() throws Exception {
        AtomicInteger warnings = new AtomicInteger();

        Pipeline.Result result = Pipeline.run(0, 10, warnings::incrementAndGet);

        assertThat(result).as("Pipeline.run(0, 10, ...)").isEqualTo(new Pipeline.Result(0, 0));
        assertThat(warnings.get()).as("how often onAlert ran").isZero();
    }
}
