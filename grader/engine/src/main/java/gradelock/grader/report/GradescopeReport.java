package gradelock.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Visibility;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code --gradescope}: Gradescope's autograder {@code results.json}. Every test becomes one Gradescope test
 * with its score, max_score, status ({@code passed} or {@code failed}) and output (verdict and explanation); an
 * exercise that could not be graded becomes one failed test worth the exercise's points, so the total stays right.
 * By default hidden tests are shown to students like public ones, named as hidden: their verdicts and explanations
 * never quote the tests' code, and hiding them would leave a student with a score and no reason; an instructor may
 * choose another of Gradescope's visibilities for them, per exercise ({@link HiddenTestsVisibility}).
 *
 * <p>The file is written when grading starts (every exercise not graded yet) and again as each exercise is graded, so
 * that a grading killed part way (by a platform's time or memory limit) still leaves an honest result: what was graded,
 * and the rest at 0 with a sentence saying grading did not reach it.
 */
public final class GradescopeReport extends ReportFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What an exercise not graded yet says in the files written before grading ends; the last file replaces it. */
    private static final String NOT_REACHED = "Not graded: grading stopped before it reached the end of this exercise (the autograder was"
            + " ended early; its log says why), so it scores 0 here.";

    private final HiddenTestsVisibility hiddenTests;
    private List<ExerciseSpec> exercises = List.of();
    private final Map<String, ExerciseOutcome> graded = new LinkedHashMap<>();
    private long startNanos;

    public GradescopeReport(Path file) {
        this(file, HiddenTestsVisibility.VISIBLE);
    }

    public GradescopeReport(Path file, HiddenTestsVisibility hiddenTests) {
        super(file);
        this.hiddenTests = hiddenTests;
    }

    @Override
    public synchronized void gradingStarted(Path submission, List<ExerciseSpec> exercises) {
        this.exercises = List.copyOf(exercises);
        graded.clear();
        startNanos = System.nanoTime();
        write(soFar());
    }

    @Override
    public synchronized void exerciseGraded(ExerciseSpec exercise, ExerciseOutcome outcome) {
        graded.put(exercise.id(), outcome);
        write(soFar());
    }

    /** The exercises graded so far, and every other one not run, with the sentence that says grading did not reach it. */
    private GradingResult soFar() {
        List<ExerciseOutcome> outcomes = exercises.stream().map(exercise -> graded.getOrDefault(exercise.id(),
                ExerciseOutcome.ungraded(exercise.id(), exercise.maxScore(), ExerciseStatus.NOT_RUN, NOT_REACHED))).toList();
        return GradingResult.of(outcomes, (System.nanoTime() - startNanos) / 1_000_000);
    }

    @Override
    String render(GradingResult result) {
        return toJson(result, hiddenTests);
    }

    public static String toJson(GradingResult result) {
        return toJson(result, HiddenTestsVisibility.VISIBLE);
    }

    public static String toJson(GradingResult result, HiddenTestsVisibility hiddenTests) {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", result.score());
        root.put("execution_time", Math.round(result.durationMillis() / 1000.0));
        root.put("output", summary(result));
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
                boolean hidden = outcome.visibility() == Visibility.HIDDEN;
                ObjectNode test = tests.addObject();
                test.put("name", exercise.id() + ": " + outcome.name() + (hidden ? " (hidden test)" : ""));
                test.put("score", outcome.score());
                test.put("max_score", outcome.maxScore());
                test.put("status", outcome.passed() ? "passed" : "failed");
                test.put("output", outcome.passed() ? "passed" + (outcome.runs() > 1 ? " in all " + outcome.runs() + " runs" : "")
                        : Failures.verdictWithRuns(outcome) + (outcome.message() == null ? "" : "\n" + outcome.message()));
                test.put("visibility", hidden ? hiddenTests.of(exercise.id()).jsonName() : GradescopeVisibility.VISIBLE.jsonName());
                test.putArray("tags").add(exercise.id()).add(outcome.verdict().jsonName());
            }
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The points, and the exercises grading did not reach (at its deadline, say), which the student should hear of first. */
    private static String summary(GradingResult result) {
        String points = String.format(Locale.ROOT, "gradelock: %d/%d points.", result.score(), result.maxScore());
        List<String> notRun = result.exercises().stream().filter(e -> e.status() == ExerciseStatus.NOT_RUN).map(ExerciseOutcome::id).toList();
        return notRun.isEmpty() ? points
                : points + " Not graded: " + String.join(", ", notRun) + " (each says why).";
    }
}
