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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exercise's wall-clock budget, spent by a test that hangs past it: what is left is not run, and each says why once. */
class BudgetTests {

    @TempDir
    Path workDir;

    @Test
    void theTestsLeftWhenTheBudgetRunsOutAreNotRunAndSaySoOnce() throws Exception {
        // no calibrated limits: the first hang runs on until the budget of 2 s ends it, long before its ceiling of 10 s
        ExerciseSpec spec = FixtureExercise.of("HangingTestsFixture", 10);
        CompiledSubmission submission = FixtureExercise.submission(workDir);
        List<TestOutcome> outcomes = new ArrayList<>();

        new ForkRunner(ForkOptions.likeThisJvm().withBudget(Duration.ofSeconds(2)), workDir)
                .run(spec, submission, runs -> outcomes.add(Scorer.score(spec, runs)));

        assertThat(outcomes).extracting(TestOutcome::verdict).startsWith(Verdict.PASSED, Verdict.TIMEOUT, Verdict.NOT_RUN);
        assertThat(outcomes.get(1).message()).isEqualTo("Timed out: the exercise's time budget ran out while this test was running.");
        assertThat(outcomes.get(outcomes.size() - 1).message())
                .isEqualTo("Not run: the exercise's time budget of 2 s ran out before this test.");
    }
}
