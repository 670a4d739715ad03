package gradelock.grader.execute;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.grade.Scorer;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test JVMs kept to what the memory allows: a container of Gradescope's size gets few, and a grading in it the same verdicts. */
class TestJvmPermitsTests {

    @TempDir
    Path workDir;

    @Test
    void theMemoryOfAContainerAllowsFewTestJvmsAndABigMachineMoreThanEverStart() {
        assertThat(TestJvmPermits.permitsFor(768)).as("permits in Gradescope's default 768 MB").isEqualTo(4);
        assertThat(TestJvmPermits.permitsFor(300)).as("permits in too little memory for two").isEqualTo(TestJvmPermits.AT_LEAST);
        assertThat(TestJvmPermits.permitsFor(24 * 1024)).as("permits in 24 GiB").isGreaterThan(100);
    }

    @Test
    void aGradingThatHangsInLanesKeepsToItsPermitsWithTheSameVerdictsAndGivesThemAllBack() throws Exception {
        ExerciseSpec spec = FixtureExercise.of("HangingTestsFixture", 10);
        CompiledSubmission submission = FixtureExercise.submission(workDir);
        TestJvmPermits two = new TestJvmPermits(2);
        List<TestOutcome> outcomes = new ArrayList<>();

        // two hangs one after the other, then a third and a passing test dealt out to two lanes, each of which would
        // have a spare beside its JVM: four JVMs wanted at once, for two permits
        Set<String> threeHangs = Set.of("HangingTestsFixture.passesFirst", "HangingTestsFixture.hangs1", "HangingTestsFixture.hangs2",
                "HangingTestsFixture.hangs3", "HangingTestsFixture.passesLast");

        ExecutionReport report = new ForkRunner(ForkOptions.likeThisJvm(), workDir, two)
                .run(spec, submission, threeHangs, runs -> outcomes.add(Scorer.score(spec, runs)));

        assertThat(report.problem()).isNull();
        // the verdicts LanesTests sees with every test JVM it asks for
        assertThat(outcomes).extracting(TestOutcome::verdict).containsExactly(
                Verdict.PASSED, Verdict.TIMEOUT, Verdict.TIMEOUT, Verdict.TIMEOUT, Verdict.PASSED);
        assertThat(two.mostInUse()).as("the most test JVMs alive at once, running or spare").isEqualTo(2);
        assertThat(two.tryAcquire() && two.tryAcquire()).as("both permits free again once grading has returned").isTrue();
    }
}
