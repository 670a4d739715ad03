package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradelock grade} as a user meets it: arguments, exit statuses, the score card and the JSON document. */
class GradeCommandTests {

    private static final String EXERCISE = "bounded-buffer";
    private static final Path REFERENCE = Course.solution(EXERCISE).resolve("src/main/java/boundedbuffer/BoundedBuffer.java");

    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {
    }

    private static Run gradelock(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Gradelock.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

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
        Run run = gradelock("grade", tmp.toString(), "--exercise", EXERCISE, "--json", json.toString());
        assertThat(run.status()).isZero();
        JsonNode exercise = new ObjectMapper().readTree(json.toFile()).get("exercises").get(0);
        assertThat(exercise.get("status").asText()).isEqualTo("compile_error");
        assertThat(exercise.get("score").asInt()).isZero();
        assertThat(exercise.get("message").asText()).containsPattern("boundedbuffer/BoundedBuffer\\.java:\\d+: ");
        assertThat(run.out()).contains("compile error", "boundedbuffer/BoundedBuffer.java:");
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
