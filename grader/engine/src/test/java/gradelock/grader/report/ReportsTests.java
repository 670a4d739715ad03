package gradelock.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import gradelock.grader.model.Visibility;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The report formats on a result built by hand, with messages full of the characters each format must escape. */
class ReportsTests {

    private static final String NASTY = "expected <3> & \"got\" 4, 100% sure: | pipes | and ``` fences ```\nsecond line";

    private static final GradingResult RESULT = GradingResult.of(List.of(
            ExerciseOutcome.graded("bounded-buffer", List.of(
                    test("BoundedBufferTests.passes", Verdict.PASSED, 2, null, List.of()),
                    test("BoundedBufferHiddenTests.stalls", Verdict.STALLED, 3, NASTY,
                            List.of(new SourceLocation("src/main/java/boundedbuffer/BoundedBuffer.java", 28, "boundedbuffer.BoundedBuffer", "put"),
                                    new SourceLocation("src/main/java/boundedbuffer/BoundedBuffer.java", 35, "boundedbuffer.BoundedBuffer", "take"))),
                    test("BoundedBufferHiddenTests.throwsSomething", Verdict.ERROR, 1, "boom", List.of()))),
            ExerciseOutcome.ungraded("event-consumer", 20, ExerciseStatus.COMPILE_ERROR,
                    "It does not compile:\n  eventconsumer/Event.java:12: ';' expected")), 1234);

    private static TestOutcome test(String name, Verdict verdict, int points, String message, List<SourceLocation> locations) {
        boolean passed = verdict == Verdict.PASSED;
        return new TestOutcome(name, passed ? points : 0, points, verdict, name.contains("Hidden") ? Visibility.HIDDEN : Visibility.VISIBLE,
                1, passed ? 1 : 0, 10, message, name, locations);
    }

    @Test
    void junitXmlIsWellFormedAndCountsEveryLossAsAFailureOrAnError() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(JUnitXmlReport.toXml(RESULT).getBytes(StandardCharsets.UTF_8)));
        Element all = xml.getDocumentElement();
        assertThat(all.getAttribute("tests")).isEqualTo("4");
        assertThat(all.getAttribute("failures")).isEqualTo("2"); // the stall, and the exercise that does not compile
        assertThat(all.getAttribute("errors")).isEqualTo("1");
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("stalled");
        assertThat(failure.getAttribute("message")).isEqualTo("stalled: expected <3> & \"got\" 4, 100% sure: | pipes | and ``` fences ```");
        assertThat(failure.getTextContent()).contains(NASTY);
        assertThat(((Element) failure.getParentNode()).getAttribute("classname")).isEqualTo("bounded-buffer.BoundedBufferHiddenTests");
    }

    @Test
    void markdownKeepsTablesAndCodeBlocksIntactWhateverTheMessageHolds() {
        String markdown = MarkdownReport.toMarkdown(RESULT);
        assertThat(markdown).startsWith("## gradelock: 2/26\n")
                .contains("| bounded-buffer | 2/6 | 2 of 3 tests lost points |", "| event-consumer | 0/20 | compile error |")
                .contains("| `BoundedBufferHiddenTests.stalls` (hidden) | 0/3 | stalled |")
                .contains("````\n" + NASTY + "\n````") // a longer fence than any in the message
                .doesNotContain("BoundedBufferTests.passes");
    }

    @Test
    void githubAnnotationsPointAtEachLineRelativeToTheWorkingDirectoryAndEscapeTheirText(@TempDir Path repository) throws Exception {
        Path submission = Files.createDirectories(repository.resolve("students/ada"));
        StringWriter out = new StringWriter();
        GitHubAnnotations annotations = new GitHubAnnotations(new PrintWriter(out), repository, GitHubAnnotations.whereEveryLostTestIs(null, null));
        annotations.gradingStarted(submission, List.of());
        annotations.gradingFinished(RESULT);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        // the most points lost first (the exercise that does not compile loses all 20), then line order
        assertThat(lines.get(0)).isEqualTo("::error file=students/ada/eventconsumer/Event.java,line=12,title=event-consumer%3A does not compile::';' expected");
        // one per line a thread of the stalled test waits at; properties escape ':' and ','; the message only '%' and newlines
        assertThat(lines.get(1)).isEqualTo("::error file=students/ada/src/main/java/boundedbuffer/BoundedBuffer.java,line=28,"
                + "title=bounded-buffer%3A BoundedBufferHiddenTests.stalls stalled (0/3)::"
                + "expected <3> & \"got\" 4, 100%25 sure: | pipes | and ``` fences ```%0Asecond line");
        assertThat(lines.get(2)).startsWith("::error file=students/ada/src/main/java/boundedbuffer/BoundedBuffer.java,line=35,");
        assertThat(lines.get(3)).isEqualTo("::error title=bounded-buffer%3A BoundedBufferHiddenTests.throwsSomething error (0/1)::boom");
    }

    @Test
    void gradescopeResultsAddUpToTheGradeAndCountAnUngradedExerciseAsOneFailedTest() throws Exception {
        JsonNode results = new ObjectMapper().readTree(GradescopeReport.toJson(RESULT));
        assertThat(results.get("score").asInt()).isEqualTo(2);
        assertThat(results.get("tests")).hasSize(4);
        int max = 0;
        for (JsonNode test : results.get("tests")) {
            max += test.get("max_score").asInt();
        }
        assertThat(max).isEqualTo(26);
        JsonNode ungraded = results.get("tests").get(3);
        assertThat(ungraded.get("name").asText()).isEqualTo("event-consumer: compile error");
        assertThat(ungraded.get("status").asText()).isEqualTo("failed");
        assertThat(ungraded.get("output").asText()).contains("Event.java:12");
        assertThat(results.get("tests").get(1).get("name").asText()).endsWith("(hidden test)");
    }

    @Test
    void gradescopeResultsAreOnDiskFromTheStartAndAfterEachExerciseSoThatAKilledGradingLeavesAnHonestOne(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("results/results.json");
        List<ExerciseSpec> exercises = List.of(
                new ExerciseSpec("bounded-buffer", "Bounded buffer", "boundedbuffer", List.of("BoundedBuffer"), List.of(), List.of(), 10, 120, 6),
                new ExerciseSpec("event-consumer", "Events", "eventconsumer", List.of("Event"), List.of(), List.of(), 10, 120, 20));
        GradescopeReport report = new GradescopeReport(file);

        report.gradingStarted(tmp.resolve("submission"), exercises);
        JsonNode started = new ObjectMapper().readTree(file.toFile());
        assertThat(started.get("score").asInt()).as("the score before any exercise is graded").isZero();
        assertThat(names(started)).containsExactly("bounded-buffer: not run", "event-consumer: not run");
        assertThat(maxScores(started)).as("what the exercises not graded yet are worth").isEqualTo(26);
        assertThat(started.get("tests").get(0).get("output").asText()).contains("grading stopped before it reached the end of this exercise");
        assertThat(started.get("output").asText()).isEqualTo("gradelock: 0/26 points. Not graded: bounded-buffer, event-consumer (each says why).");

        report.exerciseGraded(exercises.get(0), RESULT.exercise("bounded-buffer"));
        JsonNode oneGraded = new ObjectMapper().readTree(file.toFile());
        assertThat(oneGraded.get("score").asInt()).as("the score with bounded-buffer graded").isEqualTo(2);
        assertThat(names(oneGraded)).containsExactly("bounded-buffer: BoundedBufferTests.passes",
                "bounded-buffer: BoundedBufferHiddenTests.stalls (hidden test)", "bounded-buffer: BoundedBufferHiddenTests.throwsSomething (hidden test)",
                "event-consumer: not run");
        assertThat(maxScores(oneGraded)).isEqualTo(26);

        report.gradingFinished(RESULT);
        assertThat(file).as("results.json once grading has finished").hasContent(GradescopeReport.toJson(RESULT).stripTrailing());
    }

    @Test
    void gradescopeShowsHiddenTestsWhenTheInstructorChoseForEachExercise() throws Exception {
        HiddenTestsVisibility chosen = HiddenTestsVisibility.parse(List.of("after_due_date", "event-consumer=hidden"));
        assertThat(chosen.of("bounded-buffer")).isEqualTo(GradescopeVisibility.AFTER_DUE_DATE);
        assertThat(chosen.of("event-consumer")).isEqualTo(GradescopeVisibility.HIDDEN);

        JsonNode tests = new ObjectMapper().readTree(GradescopeReport.toJson(RESULT, chosen)).get("tests");
        assertThat(visibilities(tests)).as("the visibility of each test: public, hidden, hidden, and an exercise that does not compile")
                .containsExactly("visible", "after_due_date", "after_due_date", "visible");
        JsonNode byDefault = new ObjectMapper().readTree(GradescopeReport.toJson(RESULT)).get("tests");
        assertThat(visibilities(byDefault)).as("the visibility of each test by default").containsOnly("visible");
        for (GradescopeVisibility each : GradescopeVisibility.values()) {
            JsonNode chosenForOne = new ObjectMapper().readTree(GradescopeReport.toJson(RESULT,
                    HiddenTestsVisibility.parse(List.of("bounded-buffer=" + each.jsonName())))).get("tests");
            assertThat(chosenForOne.get(1).get("visibility").asText()).as("a hidden test's visibility set to %s", each).isEqualTo(each.jsonName());
        }
    }

    @Test
    void aHiddenTestsVisibilityThatIsNotGradescopesIsRefusedWithASentence() {
        assertThatThrownBy(() -> HiddenTestsVisibility.parse(List.of("bounded-buffer=after-due-date")))
                .hasMessage("'after-due-date' is not one of Gradescope's visibilities (visible, after_due_date, after_published, hidden)"
                        + " in 'bounded-buffer=after-due-date'");
        assertThatThrownBy(() -> HiddenTestsVisibility.parse(List.of("hidden", "visible")))
                .hasMessageStartingWith("a visibility for every exercise is given twice (hidden and visible)");
        assertThatThrownBy(() -> HiddenTestsVisibility.parse(List.of("=hidden"))).hasMessageContaining("names no exercise");
    }

    private static List<String> names(JsonNode results) {
        List<String> names = new ArrayList<>();
        results.get("tests").forEach(test -> names.add(test.get("name").asText()));
        return names;
    }

    private static int maxScores(JsonNode results) {
        int max = 0;
        for (JsonNode test : results.get("tests")) {
            max += test.get("max_score").asInt();
        }
        return max;
    }

    private static List<String> visibilities(JsonNode tests) {
        List<String> visibilities = new ArrayList<>();
        tests.forEach(test -> visibilities.add(test.get("visibility").asText()));
        return visibilities;
    }

    @Test
    void htmlEscapesEveryMessage() {
        String html = HtmlReport.toHtml(RESULT);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>gradelock: 2/26</title>")
                .contains("expected &lt;3&gt; &amp; &quot;got&quot; 4").doesNotContain("<3>")
                .contains("<p class=\"status\">compile error</p>");
    }
}
