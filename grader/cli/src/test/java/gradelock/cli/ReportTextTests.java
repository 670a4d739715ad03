package gradelock.cli;

import static gradelock.cli.Course.gradelock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.cli.Course.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a submission can put into a report reaches every format cleaned: no frame of a hidden test or of a test library
 * in what a student sees, and no control character that breaks a JUnit XML file or an instructor's terminal.
 */
class ReportTextTests {

    private static final String EXERCISE = "bounded-buffer";
    private static final Path STUB = Course.ROOT.resolve("exercises").resolve(EXERCISE).resolve("src/main/java");

    @TempDir
    Path tmp;

    @Test
    void theStubGradedForGradescopeShowsNoFrameOfAHiddenTestOrOfAssertJAnywhere() throws IOException {
        Map<String, String> outputs = gradeWithEveryReport(STUB);

        outputs.forEach((report, text) -> assertThat(text).as(report)
                .doesNotContain("HiddenTests.java:", "HiddenTests.lambda$", "ArchitectureTests.java:", "org.assertj", "org.junit.",
                        "setMaxStackTraceElementsDisplayed"));
        JsonNode gradescope = new ObjectMapper().readTree(outputs.get("results.json"));
        JsonNode rejects = test(gradescope, "BoundedBufferHiddenTests.rejectsCapacityBelowOne");
        assertThat(rejects.get("output").asText()).as("the hidden test's visible output")
                .contains("should throw IllegalArgumentException", "UnsupportedOperationException",
                        "at boundedbuffer.BoundedBuffer.<init>(BoundedBuffer.java:");
        // capacityBelowOneIsRejected's failure has no frame of the stub's; AssertJ's message names the stub's line
        assertThat(outputs.get("annotations").lines().filter(line -> line.startsWith("::error")))
                .as("annotations, each on the stub's line").isNotEmpty().allMatch(line -> line.contains("line=32,"));
    }

    @Test
    void aMessageWithBellEscapeAndCdataEndLeavesEveryReportReadableAndTheXmlWellFormed() throws Exception {
        Path submission = tmp.resolve("hostile");
        Path buffer = submission.resolve("boundedbuffer/BoundedBuffer.java");
        Files.createDirectories(buffer.getParent());
        String stub = Files.readString(STUB.resolve("boundedbuffer/BoundedBuffer.java"));
        Files.writeString(buffer, stub.replaceFirst("throw new UnsupportedOperationException\\(\\s*\"TODO: check capacity[^;]*;",
                "throw new IllegalStateException(\"bell\\\\u0007 colour \\\\u001B[31mred\\\\u001B[0m cdata ]]> end\");"));
        assertThat(Files.readString(buffer)).contains("\\u001B[31m");

        Map<String, String> outputs = gradeWithEveryReport(submission);

        outputs.forEach((report, text) -> assertThat(controlCharacters(report.endsWith("json") ? jsonStrings(text) : text)).as(report).isEmpty());
        assertThat(outputs.get("score card")).contains("bell\\u0007 colour \\u001B[31mred\\u001B[0m cdata ]]> end");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(tmp.resolve("reports/junit.xml").toFile()); // throws if ill-formed
        assertThat(outputs.get("junit.xml")).contains("cdata ]]");
    }

    private Map<String, String> gradeWithEveryReport(Path submission) throws IOException {
        Path reports = Files.createDirectories(tmp.resolve("reports"));
        Run run = gradelock("grade", submission.toString(), "--exercise", EXERCISE, "--json", reports.resolve("result.json").toString(),
                "--junit-xml", reports.resolve("junit.xml").toString(), "--markdown", reports.resolve("summary.md").toString(),
                "--gradescope", reports.resolve("results.json").toString(), "--html", reports.resolve("report.html").toString(),
                "--github-annotations");
        assertThat(run.status()).as(run.err()).isZero();
        Map<String, String> outputs = new TreeMap<>();
        for (String report : List.of("result.json", "junit.xml", "summary.md", "results.json", "report.html")) {
            outputs.put(report, Files.readString(reports.resolve(report)));
        }
        outputs.put("score card", run.out().lines().filter(line -> !line.startsWith("::")).reduce("", (a, b) -> a + b + "\n"));
        outputs.put("annotations", run.out().lines().filter(line -> line.startsWith("::")).reduce("", (a, b) -> a + b + "\n"));
        outputs.put("errors", run.err());
        return outputs;
    }

    private static JsonNode test(JsonNode gradescope, String name) {
        for (JsonNode test : gradescope.get("tests")) {
            if (test.get("name").asText().contains(name)) {
                return test;
            }
        }
        throw new AssertionError("no test named " + name + " in results.json");
    }

    /** Every string value of a JSON document, as a consumer reads it after parsing. */
    private static String jsonStrings(String json) {
        try {
            List<String> values = new ArrayList<>();
            collect(new ObjectMapper().readTree(json), values);
            return String.join("\n", values);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage());
        }
    }

    private static void collect(JsonNode node, List<String> values) {
        if (node.isTextual()) {
            values.add(node.asText());
        }
        node.forEach(child -> collect(child, values));
    }

    /** The control characters of {@code text} other than tab, newline and carriage return, as code points. */
    private static List<String> controlCharacters(String text) {
        return text.chars().filter(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F)
                .mapToObj(c -> String.format("U+%04X", c)).distinct().toList();
    }
}
