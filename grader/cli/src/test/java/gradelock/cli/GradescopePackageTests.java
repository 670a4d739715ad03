package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradelock package gradescope} writes an autograder bundle. These tests lay it out as Gradescope does, in a
 * temporary stand-in for {@code /autograder} (the bundle in {@code source/}, {@code run_autograder} copied beside it,
 * the student's files in {@code submission/}), run {@code run_autograder}, and read {@code results/results.json}
 * against the fields Gradescope documents. What the bundle's deadline does to a hanging submission is
 * {@code GradeCommandTests}'s to show, on {@code grade --deadline}, which the bundle passes.
 */
class GradescopePackageTests {

    /** Gradescope's documented top-level fields of results.json. */
    private static final Set<String> RESULT_FIELDS = Set.of("score", "execution_time", "output", "output_format",
            "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard");
    /** Gradescope's documented fields of each test. */
    private static final Set<String> TEST_FIELDS = Set.of("score", "max_score", "status", "name", "name_format", "number",
            "output", "output_format", "tags", "visibility", "extra_data");
    private static final Set<String> VISIBILITIES = Set.of("hidden", "after_due_date", "after_published", "visible");
    private static final long RUN_LIMIT_MINUTES = 3;

    @TempDir
    Path autograder;

    /** Writes a bundle with {@code package gradescope}'s {@code options} and installs it as Gradescope does. */
    private void installTheBundleAsGradescopeDoes(String... options) throws IOException {
        Path bundle = autograder.resolve("autograder.zip");
        StringWriter out = new StringWriter();
        String[] arguments = Stream.concat(Stream.of("package", "gradescope", "--out", bundle.toString(), "--course", Course.ROOT.toString()),
                Arrays.stream(options)).toArray(String[]::new);
        int status = Gradelock.run(arguments, new PrintWriter(out, true), new PrintWriter(out, true));
        assertThat(status).as("exit status of package gradescope; it printed: %s", out).isZero();
        unzip(bundle, autograder.resolve("source"));
        Files.copy(autograder.resolve("source/run_autograder"), autograder.resolve("run_autograder"));
    }

    @Test
    void gradesTheSubmissionIntoResultsJsonWithGradescopesFields() throws Exception {
        installTheBundleAsGradescopeDoes();
        Course.copyTree(Course.solution("bounded-buffer").resolve("src/main/java"), autograder.resolve("submission"));

        int status = runAutograder();

        assertThat(status).as("exit status of run_autograder").isZero();
        JsonNode results = new ObjectMapper().readTree(autograder.resolve("results/results.json").toFile());
        assertThat(fieldNames(results)).as("results.json's fields").isSubsetOf(RESULT_FIELDS).contains("score", "tests");
        int boundedBufferMax = Course.CATALOG.find("bounded-buffer").orElseThrow().maxScore();
        assertThat(results.get("score").asDouble()).as("the score of the bounded-buffer reference, other exercises missing")
                .isEqualTo(boundedBufferMax);
        assertThat(results.get("tests")).as("results.json's tests").isNotEmpty();
        double sumOfTests = 0;
        for (JsonNode test : results.get("tests")) {
            assertThat(fieldNames(test)).as("fields of test %s", test.get("name")).isSubsetOf(TEST_FIELDS)
                    .contains("name", "score", "max_score", "status");
            assertThat(test.get("name").isTextual()).isTrue();
            assertThat(test.get("score").isNumber() && test.get("max_score").isNumber()).as("numeric scores of %s", test.get("name")).isTrue();
            assertThat(test.get("status").asText()).isIn("passed", "failed");
            if (test.has("visibility")) {
                assertThat(test.get("visibility").asText()).isIn(VISIBILITIES);
            }
            sumOfTests += test.get("score").asDouble();
        }
        assertThat(sumOfTests).as("the tests' scores add up to the total").isEqualTo(results.get("score").asDouble());
    }

    @Test
    void anAssignmentsBundleGradesOnlyItsExercisesAndShowsTheHiddenTestsWhenChosen() throws Exception {
        installTheBundleAsGradescopeDoes("--exercise", "bounded-buffer", "--hidden-tests-visibility", "after_due_date");
        Course.copyTree(Course.solution("bounded-buffer").resolve("src/main/java"), autograder.resolve("submission"));
        assertThat(Files.readAllLines(autograder.resolve("source/grade-options"))).as("the options the bundle gives grade")
                .containsExactly("--exercise", "bounded-buffer", "--deadline", "540", "--hidden-tests-visibility", "after_due_date");

        int status = runAutograder();

        assertThat(status).as("exit status of run_autograder").isZero();
        JsonNode results = new ObjectMapper().readTree(autograder.resolve("results/results.json").toFile());
        int boundedBufferMax = Course.CATALOG.find("bounded-buffer").orElseThrow().maxScore();
        double maxOfTests = 0;
        for (JsonNode test : results.get("tests")) {
            String name = test.get("name").asText();
            assertThat(name).as("a test of an assignment of bounded-buffer alone").startsWith("bounded-buffer: ");
            assertThat(test.get("visibility").asText()).as("visibility of %s", name)
                    .isEqualTo(name.endsWith("(hidden test)") ? "after_due_date" : "visible");
            maxOfTests += test.get("max_score").asDouble();
        }
        assertThat(maxOfTests).as("what the tests of an assignment of bounded-buffer alone are worth").isEqualTo(boundedBufferMax);
        assertThat(results.get("score").asDouble()).as("the score of the bounded-buffer reference").isEqualTo(boundedBufferMax);
        assertThat(results.get("tests")).as("the tests of results.json").anyMatch(test -> test.get("name").asText().endsWith("(hidden test)"));
    }

    @Test
    void writesAZeroScoreWithTheReasonWhenGradingFails() throws Exception {
        installTheBundleAsGradescopeDoes();
        // No submission folder at all: the grader refuses with a usage error and writes nothing itself.
        int status = runAutograder();

        assertThat(status).as("exit status of run_autograder").isZero();
        JsonNode results = new ObjectMapper().readTree(autograder.resolve("results/results.json").toFile());
        assertThat(fieldNames(results)).isSubsetOf(RESULT_FIELDS);
        assertThat(results.get("score").asDouble()).isZero();
        assertThat(results.get("output").asText()).contains("could not grade this submission").contains("no such file or folder");
    }

    private int runAutograder() throws Exception {
        Path log = autograder.resolve("run.log");
        ProcessBuilder builder = new ProcessBuilder("bash", autograder.resolve("run_autograder").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AUTOGRADER_ROOT", autograder.toString());
        builder.environment().put("GRADELOCK_JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        boolean finished = Course.finishedWithin(process, RUN_LIMIT_MINUTES);
        assertThat(finished).as("run_autograder finished within %d minutes; it printed:%n%s", RUN_LIMIT_MINUTES,
                Files.readString(log)).isTrue();
        assertThat(autograder.resolve("results/results.json")).as("results.json; run_autograder printed:%n%s", Files.readString(log)).exists();
        return process.exitValue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as("bundle entry %s stays inside the bundle", entry.getName()).isTrue();
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }
}
