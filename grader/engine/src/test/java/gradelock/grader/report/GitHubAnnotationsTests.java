package gradelock.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import gradelock.grader.model.Visibility;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub shows at most 10 error annotations a step and drops the rest silently, so {@code --github-annotations} gives
 * each line of the submission one annotation that covers every test losing points there, puts the most important
 * first, and stops at 10 with a notice saying how many more lost tests the score card holds.
 */
class GitHubAnnotationsTests {

    private static final String BUFFER = "src/main/java/boundedbuffer/BoundedBuffer.java";
    private static final String TODO = "Unexpected UnsupportedOperationException: TODO: check capacity (at least 1)"
            + " at src/main/java/boundedbuffer/BoundedBuffer.java:32 (constructor).";
    private static final Pattern LINE_PROPERTY = Pattern.compile("^::error file=[^,]*,line=(\\d+),");

    @TempDir
    Path repository;

    @Test
    void thirtyThreeTestsLosingPointsOnOneLineMakeOneAnnotationThatNamesHowManyItCovers() throws IOException {
        // The stub of bounded-buffer: every test throws from the constructor's TODO; a repeated one says which run.
        List<TestOutcome> tests = IntStream.range(0, 33)
                .mapToObj(i -> lost("BoundedBufferTests.test" + i, Verdict.ERROR, 2, (i % 3 == 0 ? "Run 1 of 3: " : "") + TODO,
                        location(32)))
                .toList();

        List<String> lines = annotate(graded(tests));

        assertThat(lines).as("annotations for 33 tests that all point at line 32").hasSize(1);
        String annotation = lines.get(0);
        assertThat(annotation).startsWith("::error file=students/ada/" + BUFFER + ",line=32,title=bounded-buffer%3A 33 tests lose 66 points here::");
        assertThat(occurrences(annotation, "TODO: check capacity")).as("times the one explanation is given in %s", annotation).isEqualTo(1);
        assertThat(annotation).contains("BoundedBufferTests.test0 (error, 0/2)", "and 23 more");
    }

    @Test
    void fifteenLinesGetTheTenMostImportantAnnotationsAndANoticeNamingTheFiveMoreLostTests() throws IOException {
        List<TestOutcome> tests = IntStream.rangeClosed(1, 15)
                .mapToObj(i -> lost("BoundedBufferHiddenTests.test" + i, Verdict.FAILED, i, "expected " + i, location(100 + i)))
                .toList();

        List<String> lines = annotate(graded(tests));

        assertThat(lines).as("annotations for 15 tests on 15 lines").hasSize(11);
        assertThat(lines.subList(0, 10)).allMatch(line -> line.startsWith("::error "));
        // the tests losing most come first: 15 points on line 115 down to 6 on line 106
        assertThat(lines.subList(0, 10)).extracting(GitHubAnnotationsTests::lineProperty)
                .containsExactly(115, 114, 113, 112, 111, 110, 109, 108, 107, 106);
        assertThat(lines.get(10)).isEqualTo("::notice title=gradelock%3A 5 more lost tests::GitHub shows at most 10 error annotations"
                + " a step, so 5 more lost tests are not annotated: the score card in this step's log lists every lost test.");
    }

    @Test
    void aDeadlockOfSeveralTestsAndThreadsOnThreeLinesGetsOneAnnotationPerLine() throws IOException {
        String deadlock = "Deadlock: these threads each hold a lock that another of them needs, so none can go on:\n"
                + "  - \"producer-1\" is blocked entering synchronized code on an Object (#43d517cc) held by \"consumer-1\"\n";
        List<TestOutcome> tests = List.of(
                lost("BoundedBufferTests.producersAndConsumers", Verdict.DEADLOCK, 1, deadlock, location(90), location(81)),
                lost("BoundedBufferHiddenTests.capacityOneTraffic", Verdict.DEADLOCK, 2, "Run 1 of 3: " + deadlock.replace("#43d517cc", "#4977e414"),
                        location(90), location(81), location(90)),
                lost("BoundedBufferHiddenTests.concurrentTraffic", Verdict.DEADLOCK, 3, "Run 2 of 12: " + deadlock,
                        location(81), location(90), location(35)));

        List<String> lines = annotate(graded(tests));

        assertThat(lines).as("annotations for three deadlocked tests whose threads wait at lines 81, 90 and 35").hasSize(3);
        assertThat(lines).extracting(GitHubAnnotationsTests::lineProperty).containsExactlyInAnyOrder(81, 90, 35);
        for (String annotation : lines) {
            assertThat(occurrences(annotation, "Deadlock: these threads")).as("times the deadlock is explained in %s", annotation).isEqualTo(1);
        }
        assertThat(lines.get(0)).contains("line=81,", "title=bounded-buffer%3A 3 tests lose 6 points here::",
                "BoundedBufferHiddenTests.concurrentTraffic (deadlock, 0/3), BoundedBufferHiddenTests.capacityOneTraffic (deadlock, 0/2),"
                        + " BoundedBufferTests.producersAndConsumers (deadlock, 0/1)");
    }

    @Test
    void testsWithTheSameExplanationAndNoLineShareOneAnnotation() throws IOException {
        List<TestOutcome> tests = List.of(
                lost("BoundedBufferTests.capacityBelowOneIsRejected", Verdict.FAILED, 1, "new BoundedBuffer<>(0) should throw"),
                lost("BoundedBufferHiddenTests.rejectsCapacityBelowOne", Verdict.FAILED, 1, "new BoundedBuffer<>(0) should throw"),
                lost("BoundedBufferHiddenTests.rejectsNegativeCapacity", Verdict.FAILED, 1, "new BoundedBuffer<>(-1) should throw"));

        List<String> lines = annotate(graded(tests));

        assertThat(lines).containsExactly(
                "::error title=bounded-buffer%3A 2 tests lose 2 points for the same reason::2 tests lose 2 points for the same reason:"
                        + " BoundedBufferTests.capacityBelowOneIsRejected (failed, 0/1), BoundedBufferHiddenTests.rejectsCapacityBelowOne (failed, 0/1)."
                        + "%0Anew BoundedBuffer<>(0) should throw",
                "::error title=bounded-buffer%3A BoundedBufferHiddenTests.rejectsNegativeCapacity failed (0/1)::new BoundedBuffer<>(-1) should throw");
    }

    @Test
    void theMostPointsComeFirstThenNamedConcurrencyVerdictsThenFileAndLine() throws IOException {
        List<TestOutcome> tests = List.of(
                lost("BoundedBufferTests.failsOnLine10", Verdict.FAILED, 1, "expected 1", location(10)),
                lost("BoundedBufferTests.failsOnLine5", Verdict.FAILED, 2, "expected 2", location(5)),
                lost("BoundedBufferTests.timesOutWithoutALine", Verdict.TIMEOUT, 1, "ran past 2 s"),
                lost("BoundedBufferTests.stallsOnLine20", Verdict.STALLED, 1, "every thread waits", location(20)),
                lost("BoundedBufferTests.deadlocksOnLine50", Verdict.DEADLOCK, 2, "a cycle", location(50)),
                lost("BoundedBufferTests.failsOnLine8", Verdict.FAILED, 1, "expected 3", location(8)));

        List<String> lines = annotate(graded(tests));

        // 2 points: the deadlock before the plain failure; 1 point: the stall and the timeout before the failures,
        // a line before no line, then line order
        assertThat(lines).extracting(line -> line.substring(line.indexOf("%3A ") + 4, line.indexOf(' ', line.indexOf("%3A ") + 4)))
                .containsExactly("BoundedBufferTests.deadlocksOnLine50", "BoundedBufferTests.failsOnLine5", "BoundedBufferTests.stallsOnLine20",
                        "BoundedBufferTests.timesOutWithoutALine", "BoundedBufferTests.failsOnLine8", "BoundedBufferTests.failsOnLine10");
    }

    @Test
    void aTestStuckOnTwelveLinesIsNotCountedAgainByTheNotice() throws IOException {
        SourceLocation[] twelveLines = IntStream.rangeClosed(1, 12).mapToObj(GitHubAnnotationsTests::location).toArray(SourceLocation[]::new);

        List<String> lines = annotate(graded(List.of(lost("BoundedBufferHiddenTests.stalls", Verdict.STALLED, 3, "every thread waits", twelveLines))));

        assertThat(lines).hasSize(11);
        assertThat(lines.subList(0, 10)).extracting(GitHubAnnotationsTests::lineProperty).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(lines.get(10)).isEqualTo("::notice title=gradelock%3A 2 more lines where lost tests point::GitHub shows at most 10 error"
                + " annotations a step, so 2 more lines where lost tests point are not annotated: the score card in this step's log lists every lost test.");
    }

    @Test
    void twelveCompileErrorsGetTenAnnotationsAndANoticeCountingTheOtherTwo() throws IOException {
        String javac = "It does not compile:\n" + String.join("\n", IntStream.rangeClosed(1, 12)
                .mapToObj(line -> "  eventconsumer/Event.java:" + line + ": ';' expected").toList());
        GradingResult result = GradingResult.of(List.of(ExerciseOutcome.ungraded("event-consumer", 20, ExerciseStatus.COMPILE_ERROR, javac)), 1000);

        List<String> lines = annotate(result);

        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("::error file=students/ada/eventconsumer/Event.java,line=1,title=event-consumer%3A does not compile::';' expected");
        assertThat(lines.get(10)).startsWith("::notice title=gradelock%3A 2 more compile errors::").contains("so 2 more compile errors are not annotated");
    }

    @Test
    void elevenPolicyViolationsGetTenAnnotationsAndANoticeForTheEleventh() throws IOException {
        String violations = "None of its code was run: it uses what the grading policy forbids:\n" + String.join("\n", IntStream.rangeClosed(1, 11)
                .mapToObj(line -> "  boundedbuffer/BoundedBuffer.java:" + line + ": uses System.exit, which the grading policy forbids (no-exit)").toList());
        GradingResult result = GradingResult.of(List.of(
                ExerciseOutcome.ungraded("bounded-buffer", 45, ExerciseStatus.POLICY_VIOLATION, violations)), 1000);

        List<String> lines = annotate(result);

        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).startsWith("::error file=students/ada/boundedbuffer/BoundedBuffer.java,line=1,title=bounded-buffer%3A policy violation::uses System.exit");
        assertThat(lines.get(10)).startsWith("::notice title=gradelock%3A 1 more policy violation::").contains("so 1 more policy violation is not annotated");
    }

    @Test
    void aSubmissionThatIsNoFolderHereGetsAnnotationsWithoutAFileThatStillSayWhere() throws IOException {
        Path zip = Files.writeString(repository.resolve("ada.zip"), "not read");
        StringWriter out = new StringWriter();
        GitHubAnnotations annotations = new GitHubAnnotations(new PrintWriter(out), repository, GitHubAnnotations.whereEveryLostTestIs(null, null));
        annotations.gradingStarted(zip, List.of());
        annotations.gradingFinished(graded(List.of(lost("BoundedBufferTests.putRejectsNull", Verdict.ERROR, 1, TODO, location(32)))));

        assertThat(out.toString().lines()).containsExactly("::error title=bounded-buffer%3A BoundedBufferTests.putRejectsNull error (0/1)::" + TODO);
    }

    @Test
    void theNoticeNamesTheRunsSummaryPageWhenTheMarkdownSummaryGoesThere() {
        Path stepSummary = Path.of("/home/runner/work/_temp/_runner_file_commands/step_summary_1");
        assertThat(GitHubAnnotations.whereEveryLostTestIs(null, stepSummary.toString()))
                .isEqualTo("the score card in this step's log lists every lost test");
        assertThat(GitHubAnnotations.whereEveryLostTestIs(stepSummary, stepSummary.toString()))
                .isEqualTo("the score card in this step's log and the run's summary page list every lost test");
        assertThat(GitHubAnnotations.whereEveryLostTestIs(Path.of("reports/summary.md"), stepSummary.toString()))
                .isEqualTo("the score card in this step's log and the Markdown summary summary.md list every lost test");
    }

    private List<String> annotate(GradingResult result) throws IOException {
        Path submission = Files.createDirectories(repository.resolve("students/ada"));
        StringWriter out = new StringWriter();
        GitHubAnnotations annotations = new GitHubAnnotations(new PrintWriter(out), repository, GitHubAnnotations.whereEveryLostTestIs(null, null));
        annotations.gradingStarted(submission, List.of());
        annotations.gradingFinished(result);
        return out.toString().lines().toList();
    }

    private static GradingResult graded(List<TestOutcome> tests) {
        List<TestOutcome> all = new ArrayList<>(tests);
        all.add(new TestOutcome("BoundedBufferTests.passes", 1, 1, Verdict.PASSED, Visibility.VISIBLE, 1, 1, 5, null, "passes", List.of()));
        return GradingResult.of(List.of(ExerciseOutcome.graded("bounded-buffer", all)), 1000);
    }

    private static TestOutcome lost(String name, Verdict verdict, int points, String message, SourceLocation... locations) {
        int runs = message.startsWith("Run ") ? 3 : 1;
        return new TestOutcome(name, 0, points, verdict, name.contains("Hidden") ? Visibility.HIDDEN : Visibility.VISIBLE,
                runs, 0, 10, message, name, List.of(locations));
    }

    private static SourceLocation location(int line) {
        return new SourceLocation(BUFFER, line, "boundedbuffer.BoundedBuffer", "put");
    }

    private static int lineProperty(String annotation) {
        Matcher line = LINE_PROPERTY.matcher(annotation);
        assertThat(line.find()).as("a line property in %s", annotation).isTrue();
        return Integer.parseInt(line.group(1));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
