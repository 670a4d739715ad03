package gradelock.grader.execute;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.grade.Scorer;
import gradelock.grader.model.CalibratedLimits;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grades {@code CalibratedLimitsFixture} in real forks with a calibrated limit of 1 s per test under a ceiling of 10 s:
 * a test held past its limit by the submission's code is ended there, with both numbers in its verdict; one that is
 * merely slower, one whose stall watch is under way, one busy in its own code and one that waits with a deadline of its
 * own keep their own verdicts.
 */
class CalibratedLimitsTests {

    private static final String FIXTURE = "CalibratedLimitsFixture";
    private static final long REFERENCE_MILLIS = 40;

    @TempDir
    static Path workDir;

    private static final Map<String, TestOutcome> outcomes = new ConcurrentHashMap<>();

    @BeforeAll
    static void gradeTheFixture() throws Exception {
        Map<String, CalibratedLimits.TestLimit> limits = Map.of(
                FIXTURE + ".spinsInTheSubmission", limit(),
                FIXTURE + ".takesTenTimesTheReference", limit(),
                FIXTURE + ".stallsJustBeforeItsLimit", limit(),
                FIXTURE + ".doesItsOwnWorkPastItsLimit", limit(),
                FIXTURE + ".aTaskOfTheTestWaitsWithADeadlineOfItsOwn", limit(),
                FIXTURE + ".waitsOnItsOwnTermsForASpinningSubmission", limit());
        ExerciseSpec spec = new ExerciseSpec("fixture", "Fixture", "gradelock.fixtures", List.of("Locks"),
                List.of("gradelock.fixtures." + FIXTURE), List.of(), 10, 120, 0)
                .withLimits(new CalibratedLimits(1, CalibratedLimits.FACTOR, CalibratedLimits.WAIT_FACTOR, CalibratedLimits.FLOOR_MILLIS, "test", limits));
        Path emptyClasses = Files.createDirectories(workDir.resolve("classes"));
        CompiledSubmission submission = new CompiledSubmission("fixture", emptyClasses, Map.of("gradelock.fixtures.Locks", "fixtures/Locks.java"));
        new ForkRunner(ForkOptions.likeThisJvm(), workDir).run(spec, submission, runs -> {
            TestOutcome outcome = Scorer.score(spec, runs);
            outcomes.put(outcome.name(), outcome);
        });
    }

    private static CalibratedLimits.TestLimit limit() {
        return new CalibratedLimits.TestLimit(REFERENCE_MILLIS, REFERENCE_MILLIS, CalibratedLimits.limitFor(REFERENCE_MILLIS, REFERENCE_MILLIS, 10_000));
    }

    private static TestOutcome outcome(String method) {
        TestOutcome outcome = outcomes.get(FIXTURE + "." + method);
        assertThat(outcome).as("outcome of %s among %s", method, outcomes.keySet()).isNotNull();
        return outcome;
    }

    @Test
    void aLimitIsTwentyTimesTheReferencesRunningAndTwiceItsWaitingAtLeastOneSecondAndAtMostTheCeiling() {
        assertThat(CalibratedLimits.limitFor(40, 40, 10_000)).isEqualTo(1_000);
        assertThat(CalibratedLimits.limitFor(120, 120, 10_000)).isEqualTo(2_400);
        assertThat(CalibratedLimits.limitFor(121, 121, 10_000)).as("rounded up to a tenth of a second").isEqualTo(2_500);
        assertThat(CalibratedLimits.limitFor(1_600, 1_600, 10_000)).isEqualTo(10_000);
        assertThat(CalibratedLimits.limitFor(1_600, 100, 10_000)).as("100 ms running, 1.5 s waiting").isEqualTo(5_000);
        assertThat(CalibratedLimits.limitFor(305, 20, 10_000)).as("20 ms running, 285 ms waiting").isEqualTo(1_000);
    }

    @Test
    void aTimeoutSaysHowTheLimitFollowsFromTheReference() {
        assertThat(new CalibratedLimits.TestLimit(1_600, 100L, 5_000).explained()).isEqualTo("the reference solution needs at most 1.6 s"
                + " for it, 100 ms of it running and the rest waiting, and the limit allows 20 times the running and 2 times the waiting"
                + " (at least 1.0 s).");
        assertThat(new CalibratedLimits.TestLimit(120, null, 2_400).explained()).as("a limit from before running and waiting were told apart")
                .isEqualTo("the reference solution needs at most 120 ms for it, and the limit allows 20 times that (at least 1.0 s).");
    }

    @Test
    void theWatchdogTellsARunsRunningFromItsWaiting() {
        TestOutcome sleeps = outcome("takesTenTimesTheReference");
        TestOutcome works = outcome("doesItsOwnWorkPastItsLimit");
        assertThat(sleeps.busiestRunMillis()).as("ms of a 400 ms sleep counted as running").isLessThan(sleeps.durationMillis() / 3);
        assertThat(works.busiestRunMillis()).as("ms of 1.5 s spinning counted as running").isGreaterThan(works.durationMillis() * 2 / 3);
    }

    @Test
    void aTestHeldBySubmissionCodePastItsLimitTimesOutThereNamingBothDurationsAndTheLine() {
        TestOutcome spin = outcome("spinsInTheSubmission");
        assertThat(spin.verdict()).as(spin.message()).isEqualTo(Verdict.TIMEOUT);
        assertThat(spin.message())
                .contains("past its limit of 1.0 s, and was stopped")
                .contains("the reference solution needs at most 40 ms")
                .contains("20 times that");
        assertThat(spin.durationMillis()).as("when it was stopped, against the ceiling of 10 s").isLessThan(10_000);
        assertThat(spin.locations()).extracting(SourceLocation::file).contains("fixtures/Locks.java");
    }

    @Test
    void codeTenTimesSlowerThanTheReferencePasses() {
        assertThat(outcome("takesTenTimesTheReference").verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aStallThatFormsBeforeTheLimitIsStillNamedAStall() {
        TestOutcome stall = outcome("stallsJustBeforeItsLimit");
        assertThat(stall.verdict()).as(stall.message()).isEqualTo(Verdict.STALLED);
    }

    @Test
    void aTestBusyInItsOwnCodePastTheLimitIsNotStopped() {
        assertThat(outcome("doesItsOwnWorkPastItsLimit").verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aTaskOfTheTestWaitingWithADeadlineOfItsOwnLetsTheTestDecide() {
        TestOutcome waits = outcome("aTaskOfTheTestWaitsWithADeadlineOfItsOwn");
        assertThat(waits.verdict()).as(waits.message()).isEqualTo(Verdict.FAILED);
        assertThat(waits.message()).contains("whether the task gave up waiting after 1.5 s");
    }

    @Test
    void aTestWaitingOnItsOwnTermsKeepsItsOwnVerdict() {
        TestOutcome waits = outcome("waitsOnItsOwnTermsForASpinningSubmission");
        assertThat(waits.verdict()).as(waits.message()).isEqualTo(Verdict.FAILED);
        assertThat(waits.message()).contains("whether the spinner still runs after 2 s");
    }
}
