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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;
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

    @Test
    void aHangingSubmissionUnderADeadlineLeavesGradescopeResultsWithWhatWasGradedAndTheRestNotRun() throws IOException {
        Course.copyTree(Course.solution("threadlocal-connections").resolve("src/main/java"), tmp.resolve("submission"));
        Course.copyTree(Course.solution("event-consumer").resolve("src/main/java"), tmp.resolve("submission"));
        hangingStub(EXERCISE, tmp.resolve("submission"));
        Path results = tmp.resolve("results.json");
        int deadlineSeconds = 15;

        long start = System.nanoTime();
        // one exercise at a time: the reference first, then the hanging stub, which takes far longer than the deadline
        // (every test waits out its limit), then an exercise whose turn comes after the deadline
        Run run = gradelock("grade", tmp.resolve("submission").toString(), "--exercise", "threadlocal-connections", "--exercise", EXERCISE,
                "--exercise", "event-consumer", "--jobs", "1", "--deadline", Integer.toString(deadlineSeconds), "--gradescope", results.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000;

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(seconds).as("seconds the grading took with a deadline of %d s; it printed:%n%s", deadlineSeconds, run.out())
                .isLessThanOrEqualTo(deadlineSeconds + 5);
        JsonNode gradescope = new ObjectMapper().readTree(results.toFile());
        int sumOfScores = 0;
        int sumOfMaxScores = 0;
        List<String> stoppedOrNotRun = new ArrayList<>();
        for (JsonNode test : gradescope.get("tests")) {
            String name = test.get("name").asText();
            String output = test.get("output").asText();
            if (name.startsWith("threadlocal-connections: ")) {
                assertThat(test.get("status").asText()).as("status of %s, graded before the deadline: %s", name, output).isEqualTo("passed");
            } else if (name.startsWith(EXERCISE + ": ") && output.startsWith("not_run")) {
                assertThat(output).as("why %s was not run", name).containsPattern("grading reached its deadline of 15 s (before|while) this test");
                stoppedOrNotRun.add(name);
            }
            sumOfScores += test.get("score").asInt();
            sumOfMaxScores += test.get("max_score").asInt();
        }
        assertThat(stoppedOrNotRun).as("tests of the hanging %s not run for the deadline", EXERCISE).isNotEmpty();
        JsonNode notStarted = gradescope.get("tests").get(gradescope.get("tests").size() - 1);
        assertThat(notStarted.get("name").asText()).isEqualTo("event-consumer: not run");
        assertThat(notStarted.get("output").asText()).startsWith("Not graded: grading reached its deadline of 15 s before this exercise's tests began");
        assertThat(gradescope.get("output").asText()).endsWith("Not graded: event-consumer (each says why).");
        assertThat(sumOfMaxScores).as("what results.json's tests are worth: the three exercises'").isEqualTo(
                Stream.of("threadlocal-connections", EXERCISE, "event-consumer").mapToInt(id -> Course.CATALOG.find(id).orElseThrow().maxScore()).sum());
        assertThat(gradescope.get("score").asInt()).as("results.json's score").isEqualTo(sumOfScores)
                .isGreaterThanOrEqualTo(Course.CATALOG.find("threadlocal-connections").orElseThrow().maxScore());
    }

    @Test
    void aDeadlineOrAVisibilityThatCannotBeIsAUsageErrorOnOneLine() {
        Run noTime = gradelock("grade", tmp.toString(), "--deadline", "0");
        assertThat(noTime.status()).isEqualTo(2);
        assertThat(noTime.err().strip()).isEqualTo("gradelock: --deadline must be at least 1 second, but was 0");
        Run notGradescopes = gradelock("grade", tmp.toString(), "--gradescope", tmp.resolve("results.json").toString(),
                "--hidden-tests-visibility", "later");
        assertThat(notGradescopes.status()).isEqualTo(2);
        assertThat(notGradescopes.err().strip()).startsWith("gradelock: --hidden-tests-visibility: 'later' is not one of Gradescope's visibilities")
                .doesNotContain("\n");
        Run noResults = gradelock("grade", tmp.toString(), "--hidden-tests-visibility", "hidden");
        assertThat(noResults.status()).isEqualTo(2);
        assertThat(noResults.err().strip()).contains("add --gradescope FILE").doesNotContain("\n");
    }

    /**
     * The stub of {@code exerciseId} with every method body (each throws "TODO") replaced by a loop that sleeps and
     * swallows interrupts: a submission that hangs in every test and uses no CPU doing so.
     */
    private static void hangingStub(String exerciseId, Path into) throws IOException {
        Path stub = Course.ROOT.resolve("exercises").resolve(exerciseId).resolve("src/main/java");
        Course.copyTree(stub, into);
        Pattern todo = Pattern.compile("throw new UnsupportedOperationException\\(\\s*\"[^\"]*\"\\s*\\);");
        try (Stream<Path> sources = Files.walk(stub)) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Path copy = into.resolve(stub.relativize(source).toString());
                Matcher body = todo.matcher(Files.readString(copy));
                assertThat(body.find()).as("a method of %s that throws TODO", source).isTrue();
                Files.writeString(copy, body.replaceAll(
                        Matcher.quoteReplacement("for (;;) { try { Thread.sleep(1_000); } catch (InterruptedException swallowed) { } }")));
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
