package gradelock.grader.execute;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.grade.Scorer;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code OutlastsTheDeadlineFixture} once through a real forked JVM under a grading deadline that falls while its
 * second test sleeps: the first keeps its verdict, the second is stopped and the third never begins, both not run with
 * the deadline's reasons, and the grading ends at the deadline rather than when the sleep would have.
 */
class GradingDeadlineTests {

    /** Long enough for a test JVM to start and run the first test on a busy machine; far shorter than the sleep (15 s). */
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** How long past the deadline ending the test JVM and passing on the results may take. */
    private static final long ENDING_MILLIS = 2_000;

    @TempDir
    static Path workDir;

    private static ExecutionReport report;
    private static long gradingMillis;
    private static final List<TestOutcome> outcomes = new ArrayList<>();

    @BeforeAll
    static void gradeTheFixtureUnderADeadline() throws Exception {
        ExerciseSpec spec = FixtureExercise.of("OutlastsTheDeadlineFixture", 30);
        CompiledSubmission submission = FixtureExercise.submission(workDir);
        long start = System.nanoTime();
        report = new ForkRunner(ForkOptions.likeThisJvm(), workDir).run(spec, submission, Set.of(), GradingDeadline.after(start, DEADLINE),
                runs -> outcomes.add(Scorer.score(spec, runs)));
        gradingMillis = (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void whatRanBeforeTheDeadlineKeepsItsVerdictAndTheRestIsNotRunWithWhy() {
        assertThat(report.problem()).as("why the tests could not run").isNull();
        assertThat(outcomes).extracting(TestOutcome::name).containsExactly("OutlastsTheDeadlineFixture.passesFirst",
                "OutlastsTheDeadlineFixture.sleepsPastTheDeadline", "OutlastsTheDeadlineFixture.comesAfterTheDeadline");
        assertThat(outcomes).extracting(TestOutcome::verdict).containsExactly(Verdict.PASSED, Verdict.NOT_RUN, Verdict.NOT_RUN);
        assertThat(outcomes.get(1).message()).isEqualTo("Not run to its end: grading reached its deadline of 5 s while this test was"
                + " running, so it was stopped.");
        assertThat(outcomes.get(2).message()).isEqualTo("Not run: grading reached its deadline of 5 s before this test.");
    }

    @Test
    void theGradingEndsAtTheDeadline() {
        assertThat(gradingMillis).as("milliseconds the grading took, with a deadline of %d ms", DEADLINE.toMillis())
                .isBetween(DEADLINE.toMillis(), DEADLINE.toMillis() + ENDING_MILLIS);
    }
}
