package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import gradelock.grader.validate.Variant;
import gradelock.grader.validate.VariantResult;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grader's verdicts on the course's own code: the references and every correct alternative get full
 * marks, and every stub compiles and scores nothing.
 */
class SolutionsGradingTests {

    @Test
    void theReferenceSolutionsGetFullMarks() {
        GradingResult result = Course.grade(Course.ROOT.resolve("solutions"));
        assertThat(result.exercises()).extracting(ExerciseOutcome::id).containsExactlyElementsOf(Course.CATALOG.ids());
        for (ExerciseOutcome exercise : result.exercises()) {
            assertFullMarks(exercise);
            ExerciseSpec spec = Course.CATALOG.find(exercise.id()).orElseThrow();
            assertThat(exercise.maxScore()).as("max_score in %s's exercise.json must equal what its tests are worth", exercise.id())
                    .isEqualTo(spec.maxScore());
        }
    }

    /** From the shared validation, which grades each stub ({@code exercises/<id>}) once already. */
    @Test
    void everyStubCompilesAndScoresNothing() {
        List<VariantResult> stubs = Course.validation().variants().stream().filter(r -> r.variant().kind() == Variant.Kind.STUB).toList();
        assertThat(stubs).extracting(r -> r.variant().exerciseId()).containsExactlyElementsOf(Course.CATALOG.ids());
        for (VariantResult stub : stubs) {
            ExerciseOutcome exercise = stub.runs().get(0);
            assertThat(exercise.status()).as("status of the %s stub: %s", exercise.id(), exercise.message()).isEqualTo(ExerciseStatus.GRADED);
            assertThat(exercise.tests()).as("tests run against the %s stub", exercise.id()).isNotEmpty();
            assertThat(exercise.score()).as("score of the %s stub", exercise.id()).isZero();
        }
    }

    /** Every test the reference is graded on has a limit calibrated from it, and no limit names a test that is gone. */
    @Test
    void everyTestHasALimitCalibratedFromTheReference() {
        List<VariantResult> references = Course.validation().variants().stream().filter(r -> r.variant().kind() == Variant.Kind.REFERENCE).toList();
        assertThat(references).extracting(r -> r.variant().exerciseId()).containsExactlyElementsOf(Course.CATALOG.ids());
        for (VariantResult reference : references) {
            ExerciseSpec spec = Course.CATALOG.find(reference.variant().exerciseId()).orElseThrow();
            List<String> tests = reference.runs().get(0).tests().stream().map(TestOutcome::name).toList();
            assertThat(spec.limits().tests().keySet())
                    .as("the tests in solutions/%s/limits.json (after adding, renaming or removing a test, run ./gradelock calibrate --exercise %s)",
                            spec.id(), spec.id())
                    .containsExactlyInAnyOrderElementsOf(tests);
        }
    }

    static Stream<String> alternatives() {
        return Course.variants("alternatives");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alternatives")
    void everyCorrectAlternativeGetsFullMarks(String variant) {
        VariantResult validation = Course.validation("alternatives", variant);
        assertThat(validation.runs()).as("gradings of %s", variant).hasSize(1);
        assertFullMarks(validation.runs().get(0));
        assertThat(validation.shortfalls()).as("what validate says of %s", variant).isEmpty();
    }

    static void assertFullMarks(ExerciseOutcome exercise) {
        assertThat(exercise.status()).as("status of %s: %s", exercise.id(), exercise.message()).isEqualTo(ExerciseStatus.GRADED);
        assertThat(exercise.tests()).as("tests of %s", exercise.id()).isNotEmpty();
        for (TestOutcome test : exercise.tests()) {
            assertThat(test.verdict()).as("%s: %s (%d/%d runs passed)", test.name(), test.message(), test.passedRuns(), test.runs())
                    .isEqualTo(Verdict.PASSED);
        }
        assertThat(exercise.score()).isEqualTo(exercise.maxScore());
    }
}
