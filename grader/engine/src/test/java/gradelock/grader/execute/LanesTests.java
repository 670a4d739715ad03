package gradelock.grader.execute;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.grade.Scorer;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code HangingTestsFixture} once through real forked JVMs: after its first hangs, the tests left run in several
 * test JVMs at once, and still reach the observer in the plan's order with the verdicts they would get one at a time.
 */
class LanesTests {

    @TempDir
    static Path workDir;

    private static ExecutionReport report;
    private static final List<TestOutcome> outcomes = new ArrayList<>();

    @BeforeAll
    static void gradeTheFixture() throws Exception {
        ExerciseSpec spec = FixtureExercise.of("HangingTestsFixture", 10);
        CompiledSubmission submission = FixtureExercise.submission(workDir);
        report = new ForkRunner(ForkOptions.likeThisJvm(), workDir).run(spec, submission, runs -> {
            synchronized (outcomes) {
                outcomes.add(Scorer.score(spec, runs));
            }
        });
    }

    @Test
    void everyTestReachesTheObserverOnceInThePlansOrderWithItsVerdict() {
        assertThat(report.problem()).isNull();
        assertThat(outcomes).extracting(TestOutcome::name).containsExactly(
                "HangingTestsFixture.passesFirst", "HangingTestsFixture.hangs1", "HangingTestsFixture.hangs2", "HangingTestsFixture.hangs3",
                "HangingTestsFixture.hangs4", "HangingTestsFixture.hangs5", "HangingTestsFixture.hangs6", "HangingTestsFixture.passesLast");
        assertThat(outcomes).extracting(TestOutcome::verdict).containsExactly(
                Verdict.PASSED, Verdict.TIMEOUT, Verdict.TIMEOUT, Verdict.TIMEOUT, Verdict.TIMEOUT, Verdict.TIMEOUT, Verdict.TIMEOUT, Verdict.PASSED);
        assertThat(outcomes.get(3).message()).as("a hang in a lane names its line as one alone does").contains("fixtures/Locks.java:");
    }

    @Test
    void theTestsAfterTheFirstHangsRunInSeveralJvmsAtOnce() throws IOException {
        // one after another, a hang cannot begin before the one before it has run for its limit of 1 s
        List<Long> began = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            began.add(Long.parseLong(Files.readString(ForkRunner.temporaryFolder(workDir).resolve("hangs" + i + ".began")).strip()));
        }
        assertThat(began.get(1) - began.get(0)).as("ms from hangs1 beginning to hangs2, one after the other").isGreaterThanOrEqualTo(1_000);
        List<Long> dealtOut = began.subList(2, 6).stream().sorted().toList();
        long closest = IntStream.range(1, dealtOut.size()).mapToLong(i -> dealtOut.get(i) - dealtOut.get(i - 1)).min().orElseThrow();
        assertThat(closest).as("ms between the two closest beginnings of hangs 3 to 6, which ran in lanes").isLessThan(1_000);
        // two JVMs for the first hangs; then one in each of the four lanes, and the first lane's second for passesLast
        assertThat(report.forks()).isEqualTo(2 + ForkRunner.LANES + 1);
    }
}
