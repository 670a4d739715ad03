package gradelock.cli;

import static gradelock.cli.Course.gradelock;
import static org.assertj.core.api.Assertions.assertThat;

import gradelock.cli.Course.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code gradelock grade} as a user meets it: arguments, exit statuses, the score card and the JSON document. */
class GradeCommandTests {

    private static final String EXERCISE = "bounded-buffer";
    private static final Path REFERENCE = Course.solution(EXERCISE).resolve("src/main/java/boundedbuffer/BoundedBuffer.java");

    @TempDir
    Path tmp;

    @Test
    void aPathThatDoesNotExistIsAUsageErrorOnOneLine() {
        Run run = gradelock("grade", tmp.resolve("nowhere").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("gradelock: no such file or folder:").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void anUnknownExerciseIsAUsageErrorThatListsTheKnownOnes() {
        Run run = gradelock("grade", tmp.toString(), "--exercise", "no-such-exercise");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).contains("unknown exercise 'no-such-exercise'", EXERCISE).doesNotContain("\n");
    }

    @Test
    void aZipThatIsNotOneIsAUsageErrorOnOneLine() throws IOException {
        Path zip = Files.writeString(tmp.resolve("homework.zip"), "not a zip");
        Run run = gradelock("grade", zip.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("gradelock: ").contains("homework.zip is not a readable .zip file").doesNotContain("\n");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run run = gradelock("grade", tmp.toString(), "--frobnicate");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("gradelock:").doesNotContain("Exception");
    }

    @Test
    void anEmptySubmissionReportsEveryExerciseMissingAndExitsZero() throws IOException {
        Path json = tmp.resolve("result.json");
        Run run = gradelock("grade", tmp.toString(), "--json", json.toString());
        assertThat(run.status()).isZero();
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.get("score").asInt()).isZero();
        assertThat(result.get("max_score").asInt()).isPositive();
        for (JsonNode exercise : result.get("exercises")) {
            assertThat(exercise.get("status").asText()).isEqualTo("missing");
            assertThat(exercise.get("message").asText()).contains("No submission found");
        }
        assertThat(run.out()).contains("missing", "Total: 0/");
    }

    @Test
    void aCompileErrorNamesTheFileAndLine() throws IOException {
        Path file = tmp.resolve("boundedbuffer/BoundedBuffer.java");
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>(Files.readAllLines(REFERENCE));
        int broken = lines.size() - 1; // the closing brace of the class: a missing brace is a compile error on the last line
        lines.remove(broken);
        Files.write(file, lines);

        Path json = tmp.resolve("result.json");
        Run run = gradelock("grade", tmp.toString(), "--exercise", EXERCISE, "--json", json.toString(), "--github-annotations");
        assertThat(run.status()).isZero();
        JsonNode exercise = new ObjectMapper().readTree(json.toFile()).get("exercises").get(0);
        assertThat(exercise.get("status").asText()).isEqualTo("compile_error");
        assertThat(exercise.get("score").asInt()).isZero();
        assertThat(exercise.get("message").asText()).containsPattern("boundedbuffer/BoundedBuffer\\.java:\\d+: ");
        assertThat(run.out()).contains("compile error", "boundedbuffer/BoundedBuffer.java:");
        assertThat(run.out()).containsPattern("(?m)^::error file=[^,]*boundedbuffer/BoundedBuffer\\.java,line=\\d+,title=bounded-buffer%3A does not compile::");
    }

    @Test
    void everyReportFormatTellsTheSameGrading() throws Exception {
        Path variant = Course.solution(EXERCISE).resolve("faulty/capacity-off-by-one");
        Path reports = tmp.resolve("reports");
        Run run = gradelock("grade", variant.toString(), "--exercise", EXERCISE, "--json", reports.resolve("result.json").toString(),
                "--junit-xml", reports.resolve("junit.xml").toString(), "--markdown", reports.resolve("summary.md").toString(),
                "--gradescope", reports.resolve("results.json").toString(), "--html", reports.resolve("report.html").toString(),
                "--github-annotations");
        assertThat(run.status()).as(run.err()).isZero();

        JsonNode result = new ObjectMapper().readTree(reports.resolve("result.json").toFile());
        int score = result.get("score").asInt();
        int maxScore = result.get("max_score").asInt();
        List<String> lost = new ArrayList<>();
        result.get("exercises").get(0).get("tests").forEach(test -> {
            if (!test.get("verdict").asText().equals("passed")) {
                lost.add(test.get("name").asText());
            }
        });
        assertThat(lost).as("tests the variant loses").isNotEmpty();

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("junit.xml").toFile());
        Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo(EXERCISE);
        assertThat(Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors")))
                .as("failures and errors in the JUnit XML").isEqualTo(lost.size());
        assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(result.get("exercises").get(0).get("tests").size());

        JsonNode gradescope = new ObjectMapper().readTree(reports.resolve("results.json").toFile());
        assertThat(gradescope.get("score").asInt()).isEqualTo(score);
        int gradescopeScore = 0;
        int gradescopeMax = 0;
        for (JsonNode test : gradescope.get("tests")) {
            assertThat(fieldNames(test)).contains("name", "score", "max_score", "status", "output", "visibility");
            assertThat(test.get("status").asText()).isIn("passed", "failed");
            assertThat(test.get("visibility").asText()).isIn("visible", "hidden", "after_due_date", "after_published");
            gradescopeScore += test.get("score").asInt();
            gradescopeMax += test.get("max_score").asInt();
        }
        assertThat(gradescopeScore).as("sum of the Gradescope tests' scores").isEqualTo(score);
        assertThat(gradescopeMax).as("sum of the Gradescope tests' max_score").isEqualTo(maxScore);

        String markdown = Files.readString(reports.resolve("summary.md"));
        String html = Files.readString(reports.resolve("report.html"));
        assertThat(markdown).startsWith("## gradelock: " + score + "/" + maxScore);
        assertThat(html).contains("<h1 id=\"total\">gradelock: " + score + "/" + maxScore + "</h1>");
        for (String test : lost) {
            assertThat(markdown).contains("`" + test + "`");
            assertThat(html).contains(test);
        }
        // GitHub shows 10 error annotations a step: a lost test has one of its own (named in the title), or shares one
        // that lists it, or is counted by the notice after the tenth
        List<String> annotations = run.out().lines().filter(line -> line.startsWith("::error ")).toList();
        assertThat(annotations).as("GitHub annotations").hasSizeLessThanOrEqualTo(10);
        List<String> notAnnotated = lost.stream().filter(test -> annotations.stream()
                .noneMatch(line -> line.contains("title=bounded-buffer%3A " + test + " ") || line.contains(" " + test + " ("))).toList();
        if (!notAnnotated.isEmpty()) {
            assertThat(run.out()).as("the notice after the last annotation, for %s", notAnnotated)
                    .contains("::notice title=gradelock%3A " + notAnnotated.size() + " more lost test");
        }
    }

    @Test
    void aZipOfLooseFilesIsGradedAndTheJsonHasExactlyTheDocumentedFields() throws IOException {
        Path zip = tmp.resolve("submission.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(file)) {
            entries.putNextEntry(new ZipEntry("BoundedBuffer.java"));
            entries.write(Files.readAllBytes(REFERENCE));
            entries.closeEntry();
        }
        Path json = tmp.resolve("out/result.json");
        Run run = gradelock("grade", zip.toString(), "--exercise", EXERCISE, "--json", json.toString());
        assertThat(run.status()).as(run.err()).isZero();

        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(fieldNames(result)).containsExactly("score", "max_score", "duration_ms", "exercises");
        JsonNode exercise = result.get("exercises").get(0);
        assertThat(fieldNames(exercise)).containsExactly("id", "score", "max_score", "status", "message", "tests");
        assertThat(exercise.get("status").asText()).isEqualTo("graded");
        assertThat(exercise.get("score").asInt()).isEqualTo(exercise.get("max_score").asInt());
        for (JsonNode test : exercise.get("tests")) {
            assertThat(fieldNames(test)).containsExactly("name", "score", "max_score", "verdict", "visibility", "runs",
                    "passed_runs", "duration_ms", "message");
            assertThat(test.get("verdict").asText()).isEqualTo("passed");
            assertThat(test.get("visibility").asText()).isIn("visible", "hidden");
        }
        assertThat(run.out()).contains(EXERCISE + ": ", "Total: ");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
