package gradelock.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Visibility;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code --gradescope}: Gradescope's autograder {@code results.json}. Every test becomes one Gradescope test
 * with its score, max_score, status ({@code passed} or {@code failed}) and output (verdict and explanation); an
 * exercise that could not be graded becomes one failed test worth the exercise's points, so the total stays right.
 * Hidden tests are shown to students like public ones, named as hidden: their verdicts and explanations never quote
 * the tests' code, and hiding them would leave a student with a score and no reason.
 */
public final class GradescopeReport extends ReportFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public GradescopeReport(Path file) {
        super(file);
    }

    @Override
    String render(GradingResult result) {
        return toJson(result);
    }

    public static String toJson(GradingResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", result.score());
        root.put("execution_time", Math.round(result.durationMillis() / 1000.0));
        root.put("output", String.format(Locale.ROOT, "gradelock: %d/%d points.", result.score(), result.maxScore()));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        ArrayNode tests = root.putArray("tests");
        for (ExerciseOutcome exercise : result.exercises()) {
            if (exercise.status() != ExerciseStatus.GRADED) {
                ObjectNode test = tests.addObject();
                test.put("name", exercise.id() + ": " + Failures.status(exercise));
                test.put("score", 0);
                test.put("max_score", exercise.maxScore());
                test.put("status", "failed");
                test.put("output", exercise.message() == null ? Failures.status(exercise) : exercise.message());
                test.put("visibility", "visible");
                continue;
            }
            for (TestOutcome outcome : exercise.tests()) {
                ObjectNode test = tests.addObject();
                test.put("name", exercise.id() + ": " + outcome.name() + (outcome.visibility() == Visibility.HIDDEN ? " (hidden test)" : ""));
                test.put("score", outcome.score());
                test.put("max_score", outcome.maxScore());
                test.put("status", outcome.passed() ? "passed" : "failed");
                test.put("output", outcome.passed() ? "passed" + (outcome.runs() > 1 ? " in all " + outcome.runs() + " runs" : "")
                        : Failures.verdictWithRuns(outcome) + (outcome.message() == null ? "" : "\n" + outcome.message()));
                test.put("visibility", "visible");
                test.putArray("tags").add(exercise.id()).add(outcome.verdict().jsonName());
            }
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
