package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.validate.Variant;
import gradelock.grader.validate.VariantResult;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every known-faulty variant loses the points of each test its {@code expected.json} names, with exactly
 * the verdict it names: the proof that the hidden tests catch the bugs they claim to.
 */
class FaultyVariantsGradingTests {

    static Stream<String> faultyVariants() {
        return Course.variants("faulty");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultyVariants")
    void eachFaultyVariantIsCaughtByItsTestsWithItsVerdict(String variant) {
        String exerciseId = Course.exerciseOf(variant);
        VariantResult validation = Course.validation("faulty", variant);
        assertThat(validation.variant().problem()).as("what is wrong with %s's expected.json", variant).isNull();
        Variant.Expected expected = validation.variant().expected().orElseThrow();
        assertThat(expected.bug()).as("one-line description of the bug").isNotBlank().doesNotContain("\n");
        assertThat(expected.expect()).as("tests that must catch %s", variant).isNotEmpty();

        assertThat(validation.runs()).as("gradings of %s (%s)", variant, validation.shortfalls()).hasSize(1);
        ExerciseOutcome outcome = validation.runs().get(0);
        assertThat(outcome.id()).isEqualTo(exerciseId);
        for (Variant.Expectation expectation : expected.expect()) {
            TestOutcome test = outcome.tests().stream().filter(t -> t.name().equals(expectation.test())).findFirst().orElse(null);
            assertThat(test).as("%s names test %s, which the grader did not run (status %s: %s)",
                    variant, expectation.test(), outcome.status(), outcome.message()).isNotNull();
            assertThat(test.score()).as("%s must lose the points of %s (%s)", variant, test.name(), test.message()).isZero();
            assertThat(test.verdict()).as("verdict of %s on %s: %s", test.name(), variant, test.message())
                    .isEqualTo(expectation.verdict());
        }
        assertThat(outcome.score()).as("%s scores less than full marks", variant).isLessThan(outcome.maxScore());
        assertThat(validation.shortfalls()).as("what validate says of %s", variant).isEmpty();
    }
}
