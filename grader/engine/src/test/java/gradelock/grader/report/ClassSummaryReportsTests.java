package gradelock.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import gradelock.grader.batch.ClassSummary;
import gradelock.grader.batch.StudentResult;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import gradelock.grader.model.Visibility;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The class summary of {@code batch}, from results built by hand: what its maximum is made of, its histograms (overall,
 * per exercise, every label inside the picture) and its list of students with links to their reports.
 */
class ClassSummaryReportsTests {

    private static final List<String> COURSE = List.of("bounded-buffer", "event-consumer", "thread-pool");
    private static final List<Integer> POINTS = List.of(45, 20, 30);

    /** A student who submitted only the exercises in {@code scores} (id, score, id, score, ...): the rest are missing. */
    private static StudentResult student(String name, Object... scores) {
        List<ExerciseOutcome> exercises = new ArrayList<>();
        for (int i = 0; i < COURSE.size(); i++) {
            String id = COURSE.get(i);
            int points = POINTS.get(i);
            Integer score = null;
            for (int s = 0; s < scores.length; s += 2) {
                if (scores[s].equals(id)) {
                    score = (Integer) scores[s + 1];
                }
            }
            exercises.add(score == null ? ExerciseOutcome.ungraded(id, points, ExerciseStatus.MISSING, "No submission found.")
                    : ExerciseOutcome.graded(id, List.of(test(id + ".first", score, points))));
        }
        return new StudentResult(name, GradingResult.of(exercises, 10), null, false);
    }

    private static TestOutcome test(String name, int score, int points) {
        Verdict verdict = score == points ? Verdict.PASSED : Verdict.FAILED;
        return new TestOutcome(name, score, points, verdict, Visibility.VISIBLE, 1, score == points ? 1 : 0, 10,
                score == points ? null : "expected more", name, List.of());
    }

    @Test
    void aClassThatSubmittedOneExerciseIsSummarisedOutOfThatExercisesPointsAlone() {
        ClassSummary summary = ClassSummary.of(List.of(student("ada", "bounded-buffer", 45), student("bob", "bounded-buffer", 0)), List.of());

        assertThat(summary.maxScore()).as("the maximum, when only bounded-buffer (45 points) was submitted").isEqualTo(45);
        assertThat(summary.basis()).isEqualTo(ClassSummary.Basis.SUBMITTED);
        assertThat(summary.notCounted()).as("the exercises nobody submitted").containsExactly("event-consumer", "thread-pool");
        assertThat(summary.buckets()).as("the tenths: bob in the first, ada (45/45) in the last").containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(summary.exercises()).as("the exercises graded, each with its spread")
                .containsExactly(new ClassSummary.ExerciseSpread("bounded-buffer", 45, 2, List.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 1)));
        assertThat(summary.students()).containsExactly(new ClassSummary.Student("ada", 45, 45, null), new ClassSummary.Student("bob", 0, 45, null));
        assertThat(BatchProgress.summary(summary, true)).contains(
                "Scores are out of 45: the exercises the class submitted (bounded-buffer); not counted, as no student submitted them:"
                        + " event-consumer, thread-pool.",
                "bounded-buffer (out of 45, submitted by 2 of 2):",
                "    45/45  100%  ada  ada/report.txt",
                "     0/45    0%  bob  bob/report.txt");
    }

    @Test
    void exercisesNamedWithExerciseCountWhetherOrNotAnyoneSubmittedThem() {
        List<StudentResult> results = List.of(student("ada", "bounded-buffer", 45, "event-consumer", 10), student("bob", "bounded-buffer", 9),
                new StudentResult("cyd", null, "not a readable .zip file", false));

        ClassSummary summary = ClassSummary.of(results, List.of("bounded-buffer", "thread-pool"));

        assertThat(summary.maxScore()).as("the maximum of bounded-buffer (45) and thread-pool (30), both named").isEqualTo(75);
        assertThat(summary.basis()).isEqualTo(ClassSummary.Basis.NAMED);
        assertThat(summary.exercises()).extracting(ClassSummary.ExerciseSpread::id, ClassSummary.ExerciseSpread::submittedBy)
                .containsExactly(tuple("bounded-buffer", 2), tuple("thread-pool", 0));
        assertThat(summary.students()).as("ada's event-consumer is not among the exercises graded").containsExactly(
                new ClassSummary.Student("ada", 45, 75, null), new ClassSummary.Student("bob", 9, 75, null),
                new ClassSummary.Student("cyd", 0, 75, "not a readable .zip file"));
        assertThat(summary.lostTests()).extracting(ClassSummary.LostTest::exerciseId).containsOnly("bounded-buffer");
        assertThat(BatchProgress.summary(summary, true)).contains(
                "Scores are out of 75: the exercises named with --exercise (bounded-buffer, thread-pool).",
                "thread-pool (out of 30, submitted by 0 of 2):", "not graded       cyd  cyd/failure.txt: not a readable .zip file");
    }

    @Test
    void whenNobodySubmittedAnythingTheSummarySaysSoAndDrawsNoHistogram() {
        ClassSummary summary = ClassSummary.of(List.of(student("ada"), student("bob")), List.of());

        assertThat(summary.maxScore()).isZero();
        assertThat(BatchProgress.summary(summary, true))
                .contains("No student submitted any exercise (bounded-buffer, event-consumer, thread-pool), so there are no points to count.")
                .contains("No test was lost: the points lost were whole exercises not submitted or not graded")
                .doesNotContain("Scores (out of", "passed every test");
        assertThat(ClassSummaryHtml.toHtml(summary)).doesNotContain("<svg");
    }

    @Test
    void theSummaryPageHasAHistogramOverallAndOnePerExercise() {
        ClassSummary summary = ClassSummary.of(List.of(student("ada", "bounded-buffer", 45, "thread-pool", 3), student("bob", "bounded-buffer", 20)),
                List.of());

        String html = ClassSummaryHtml.toHtml(summary);

        assertThat(histograms(html)).as("histograms: the whole class's, bounded-buffer's and thread-pool's").hasSize(3);
        assertThat(html).contains("Scores (out of 75)", "<h3 id=\"exercise-bounded-buffer\">bounded-buffer (out of 45, submitted by 2 of 2)</h3>",
                "<h3 id=\"exercise-thread-pool\">thread-pool (out of 30, submitted by 1 of 2)</h3>",
                "not counted, as no student submitted them: event-consumer.");
    }

    @Test
    void everyLabelOfAHistogramLiesWithinItsViewBoxTheTallestColumnsCountIncluded() throws Exception {
        List<StudentResult> results = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            results.add(student(String.format("s%03d", i), "bounded-buffer", i < 115 ? 45 : i % 45));
        }
        String html = ClassSummaryHtml.toHtml(ClassSummary.of(results, List.of()));

        List<String> svgs = histograms(html);
        assertThat(svgs).isNotEmpty();
        for (String svg : svgs) {
            assertLabelsInside(svg);
        }
        assertLabelsInside(Svg.histogram(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 1000), 242, "every exercise"));
        assertLabelsInside(Svg.histogram(List.of(7, 0, 0, 0, 0, 0, 0, 0, 0, 0), 45, "bounded-buffer"));
    }

    @Test
    void studentsAreListedWithLinksToTheirReportsRelativeToTheSummary(@TempDir Path out) {
        List<StudentResult> results = List.of(student("ada", "bounded-buffer", 45), student("曾 子#1", "bounded-buffer", 30),
                student("a:b?c", "bounded-buffer", 0), new StudentResult("cyd", null, "not a readable .zip file", false));

        String html = ClassSummaryHtml.toHtml(ClassSummary.of(results, List.of()));

        List<String> links = hrefs(html);
        assertThat(links).as("the links of the summary page").containsExactlyInAnyOrder(
                "ada/report.html", "ada/report.txt", "ada/result.json",
                "%E6%9B%BE%20%E5%AD%90%231/report.html", "%E6%9B%BE%20%E5%AD%90%231/report.txt", "%E6%9B%BE%20%E5%AD%90%231/result.json",
                "a%3Ab%3Fc/report.html", "a%3Ab%3Fc/report.txt", "a%3Ab%3Fc/result.json",
                "cyd/failure.txt");
        URI summaryPage = out.resolve("summary.html").toUri();
        assertThat(Path.of(summaryPage.resolve("%E6%9B%BE%20%E5%AD%90%231/report.html")))
                .as("where the link to 曾 子#1's report leads from the summary").isEqualTo(out.resolve("曾 子#1").resolve("report.html"));
        assertThat(Path.of(summaryPage.resolve("a%3Ab%3Fc/report.txt"))).isEqualTo(out.resolve("a:b?c").resolve("report.txt"));
        assertThat(html).contains("<td>曾 子#1</td><td class=\"points\">30/45</td><td class=\"points\">66%</td>",
                "<td>cyd</td><td colspan=\"2\" class=\"status\">not graded</td>");
    }

    private static List<String> histograms(String html) {
        Matcher svg = Pattern.compile("<svg class=\"histogram\".*?</svg>", Pattern.DOTALL).matcher(html);
        List<String> found = new ArrayList<>();
        while (svg.find()) {
            found.add(svg.group());
        }
        return found;
    }

    private static List<String> hrefs(String html) {
        Matcher href = Pattern.compile("<a href=\"([^\"]*)\"").matcher(html);
        List<String> found = new ArrayList<>();
        while (href.find()) {
            found.add(href.group(1));
        }
        return found;
    }

    /**
     * Every text label of {@code svg} lies within its viewBox. A label's box is estimated generously for the digits, dashes
     * and percent signs a histogram writes: as wide as 0.7 of its font size per character (centred where it is anchored
     * in the middle), a full font size above its baseline and 0.3 below.
     */
    private static void assertLabelsInside(String svg) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(root.getAttribute("viewBox")).as("the histogram's viewBox").matches("0 0 \\d+ \\d+");
        String[] box = root.getAttribute("viewBox").split(" ");
        double width = Double.parseDouble(box[2]);
        double height = Double.parseDouble(box[3]);
        NodeList texts = root.getElementsByTagName("text");
        assertThat(texts.getLength()).as("labels in the histogram").isEqualTo(20);
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            double x = Double.parseDouble(text.getAttribute("x"));
            double y = Double.parseDouble(text.getAttribute("y"));
            double size = Double.parseDouble(text.getAttribute("font-size"));
            double textWidth = text.getTextContent().length() * size * 0.7;
            double left = "middle".equals(text.getAttribute("text-anchor")) ? x - textWidth / 2 : x;
            String label = String.format("the label \"%s\" at (%.1f, %.1f), %.0f px, in a viewBox of %.0f by %.0f", text.getTextContent(), x, y, size,
                    width, height);
            assertThat(y - size).as("the top of %s", label).isGreaterThanOrEqualTo(0);
            assertThat(y + 0.3 * size).as("the bottom of %s", label).isLessThanOrEqualTo(height);
            assertThat(left).as("the left of %s", label).isGreaterThanOrEqualTo(0);
            assertThat(left + textWidth).as("the right of %s", label).isLessThanOrEqualTo(width);
        }
    }
}
