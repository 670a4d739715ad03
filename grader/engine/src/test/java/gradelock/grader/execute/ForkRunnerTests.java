package gradelock.grader.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.grade.Scorer;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.ThreadKind;
import gradelock.grader.model.Verdict;
import gradelock.grader.model.WaitingThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ConcurrencyBugsFixture} through real forked JVMs once, and checks the verdict the grader gives
 * each way a test can go wrong, and that the JVMs it had to end did not cost the tests after them.
 */
class ForkRunnerTests {

    private static final Path FIXTURE_SOURCE = Path.of("src/test/java/gradelock/fixtures/Locks.java");

    @TempDir
    static Path workDir;

    private static ExecutionReport report;
    private static final Map<String, TestOutcome> outcomes = new ConcurrentHashMap<>();
    private static final Map<String, Long> gradedAtMillis = new ConcurrentHashMap<>();
    private static final List<String> gradingOrder = new ArrayList<>();
    private static Path deadlockFormedFile;

    @BeforeAll
    static void gradeTheFixture() throws Exception {
        ExerciseSpec spec = new ExerciseSpec("fixture", "Fixture", "gradelock.fixtures", List.of("Locks"),
                List.of("gradelock.fixtures.ConcurrencyBugsFixture"), List.of(), 10, 120, 0);
        Path emptyClasses = Files.createDirectories(workDir.resolve("classes"));
        CompiledSubmission submission = new CompiledSubmission("fixture", emptyClasses,
                Map.of("gradelock.fixtures.Locks", "fixtures/Locks.java"));
        deadlockFormedFile = ForkRunner.temporaryFolder(workDir).resolve("deadlock-formed"); // the one place a fork may write
        ForkOptions defaults = ForkOptions.likeThisJvm();
        List<String> jvmOptions = new ArrayList<>(defaults.jvmOptions());
        jvmOptions.add("-Dgradelock.fixtures.deadlockFormedFile=" + deadlockFormedFile);
        ForkOptions options = defaults.withJvmOptions(jvmOptions);

        report = new ForkRunner(options, workDir).run(spec, submission, runs -> {
            TestOutcome outcome = Scorer.score(spec, runs);
            gradedAtMillis.put(outcome.name(), System.currentTimeMillis());
            outcomes.put(outcome.name(), outcome);
            gradingOrder.add(outcome.name());
        });
    }

    private static TestOutcome outcome(String method) {
        TestOutcome outcome = outcomes.get("ConcurrencyBugsFixture." + method);
        assertThat(outcome).as("outcome of %s among %s", method, outcomes.keySet()).isNotNull();
        return outcome;
    }

    @Test
    void everyTestOfTheFixtureIsGradedInOrderAndNoneIsLost() {
        assertThat(report.problem()).isNull();
        assertThat(gradingOrder).containsExactly(
                "ConcurrencyBugsFixture.passes", "ConcurrencyBugsFixture.failsAnAssertion", "ConcurrencyBugsFixture.deadlocks",
                "ConcurrencyBugsFixture.passesAfterAFreshStart", "ConcurrencyBugsFixture.stalls",
                "ConcurrencyBugsFixture.ignoresInterruptsPastItsLimit", "ConcurrencyBugsFixture.sleepsPastItsLimit",
                "ConcurrencyBugsFixture.failsItsSecondRun", "ConcurrencyBugsFixture.exitsTheJvm",
                "ConcurrencyBugsFixture.throwsFromSubmissionCode", "ConcurrencyBugsFixture.waitsForSleepingVirtualThreads",
                "ConcurrencyBugsFixture.strandsAVirtualThread");
    }

    @Test
    void aJvmIsReplacedAfterEachDeadlockStallTimeoutAndExit() {
        // a deadlock, a stall and two timeouts each end a JVM; after the second timeout the five tests left are dealt
        // out to four lanes of one JVM each (System.exit ends the one it runs in, a stall the one of the last test)
        assertThat(report.forks()).isEqualTo(4 + ForkRunner.LANES);
    }

    @Test
    void aPassingTestEarnsItsPoints() {
        assertThat(outcome("passes")).extracting(TestOutcome::verdict, TestOutcome::score, TestOutcome::maxScore)
                .containsExactly(Verdict.PASSED, 2, 2);
        assertThat(outcome("passesAfterAFreshStart").verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aFailedAssertionKeepsTheTestsOwnMessage() {
        assertThat(outcome("failsAnAssertion").verdict()).isEqualTo(Verdict.FAILED);
        assertThat(outcome("failsAnAssertion").message()).contains("one plus one");
    }

    @Test
    void aDeadlockNamesItsThreadsAndTheSubmissionsLines() throws IOException {
        TestOutcome deadlock = outcome("deadlocks");
        assertThat(deadlock.verdict()).isEqualTo(Verdict.DEADLOCK);
        assertThat(deadlock.score()).isZero();
        assertThat(deadlock.message())
                .contains("\"left\"", "\"right\"", "held by")
                .contains("fixtures/Locks.java:" + lineOf("first-then-second") + " (firstThenSecond)")
                .contains("fixtures/Locks.java:" + lineOf("second-then-first") + " (secondThenFirst)");
    }

    @Test
    void aDeadlockCarriesItsWaitForGraph() throws IOException {
        TestOutcome deadlock = outcome("deadlocks");

        // the data names threads plainly, as Thread.getName() does; quotes are for the sentences written from it
        assertThat(deadlock.waiting()).as("the deadlock's waiting threads").extracting(WaitingThread::thread)
                .containsExactlyInAnyOrder("left", "right");
        WaitingThread left = deadlock.waiting().stream().filter(t -> t.thread().equals("left")).findFirst().orElseThrow();
        WaitingThread right = deadlock.waiting().stream().filter(t -> t.thread().equals("right")).findFirst().orElseThrow();
        assertThat(left.heldBy()).as("who holds what \"left\" waits for").isEqualTo("right");
        assertThat(right.heldBy()).as("who holds what \"right\" waits for").isEqualTo("left");
        assertThat(left.lock()).isNotNull().isNotEqualTo(right.lock());
        assertThat(left.at()).isEqualTo("fixtures/Locks.java:" + lineOf("first-then-second") + " (firstThenSecond)");
    }

    @Test
    void aDeadlockIsReportedWithinASecondOfForming() throws IOException {
        long formedAt = Long.parseLong(Files.readString(deadlockFormedFile).strip());
        long latency = gradedAtMillis.get("ConcurrencyBugsFixture.deadlocks") - formedAt;
        assertThat(latency).as("milliseconds from the deadlock forming to its verdict").isBetween(0L, 1_000L);
    }

    @Test
    void aLostWakeupIsReportedAsAStallNamingTheWaitingThread() throws IOException {
        TestOutcome stall = outcome("stalls");
        assertThat(stall.verdict()).isEqualTo(Verdict.STALLED);
        assertThat(stall.message()).contains("\"waiter\"", "Object.wait()", "fixtures/Locks.java:" + lineOf("wait-forever") + " (waitForever)");
        assertThat(stall.durationMillis()).as("milliseconds until the stall verdict").isLessThan(1_500L);
    }

    @Test
    void aStallsWaitForGraphNamesItsThreadsPlainlyWithTheirKind() {
        assertThat(outcome("stalls").waiting()).as("the stall's waiting threads")
                .extracting(WaitingThread::thread, WaitingThread::kind)
                .contains(tuple("waiter", ThreadKind.PLATFORM))
                .anySatisfy(thread -> assertThat(thread.toList()).contains(ThreadKind.TEST));
        assertThat(outcome("strandsAVirtualThread").waiting()).as("the virtual stall's waiting threads")
                .extracting(WaitingThread::thread, WaitingThread::kind)
                .contains(tuple("virtual-waiter", ThreadKind.VIRTUAL));
    }

    @Test
    void aTestThatIgnoresInterruptsIsStoppedByKillingItsJvm() throws IOException {
        TestOutcome spin = outcome("ignoresInterruptsPastItsLimit");
        assertThat(spin.verdict()).isEqualTo(Verdict.TIMEOUT);
        assertThat(spin.message()).contains("did not stop when interrupted", "fixtures/Locks.java:" + lineOf("spin"));
    }

    @Test
    void virtualThreadsInATimedWaitAreNotAStall() {
        TestOutcome outcome = outcome("waitsForSleepingVirtualThreads");
        assertThat(outcome.verdict()).as("verdict (message: %s)", outcome.message()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aStrandedVirtualThreadIsReportedAsAStallNamingIt() throws IOException {
        TestOutcome stall = outcome("strandsAVirtualThread");
        assertThat(stall.verdict()).as("verdict (message: %s)", stall.message()).isEqualTo(Verdict.STALLED);
        assertThat(stall.durationMillis()).as("time to the verdict").isLessThan(2_000);
        assertThat(stall.message()).contains("virtual thread \"virtual-waiter\" waits in Object.wait()",
                "fixtures/Locks.java:" + lineOf("wait-forever") + " (waitForever)");
    }

    @Test
    void aTestPastItsLimitTimesOut() {
        assertThat(outcome("sleepsPastItsLimit").verdict()).isEqualTo(Verdict.TIMEOUT);
    }

    @Test
    void aRepeatedTestScoresOnlyIfEveryRunPasses() {
        TestOutcome repeated = outcome("failsItsSecondRun");
        assertThat(repeated).extracting(TestOutcome::verdict, TestOutcome::runs, TestOutcome::passedRuns, TestOutcome::score)
                .containsExactly(Verdict.FAILED, 3, 2, 0);
        assertThat(repeated.message()).startsWith("Run 2 of 3:");
    }

    @Test
    void aJvmThatExitsMidTestCostsOnlyThatTest() {
        TestOutcome exit = outcome("exitsTheJvm");
        assertThat(exit.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(exit.message()).contains("ended while this test was running");
        assertThat(outcome("throwsFromSubmissionCode").verdict()).isEqualTo(Verdict.ERROR);
        assertThat(outcome("throwsFromSubmissionCode").message()).contains("IllegalStateException: boom");
    }

    private static int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(FIXTURE_SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("LINE: " + marker)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no marker " + marker + " in " + FIXTURE_SOURCE);
    }
}
