package gradelock.grader.report;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Visibility;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints the score card as grading goes: each test as it is graded, each exercise's total, then the total. */
public final class ScoreCard implements GradingObserver {

    private final PrintWriter out;

    public ScoreCard(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void gradingStarted(Path submission, List<ExerciseSpec> exercises) {
        out.printf("Grading %s (%d exercise%s)%n", submission, exercises.size(), exercises.size() == 1 ? "" : "s");
    }

    @Override
    public void exerciseStarted(ExerciseSpec exercise) {
        out.printf("%n%s: %s%n", exercise.id(), exercise.title());
    }

    @Override
    public void testGraded(ExerciseSpec exercise, TestOutcome test) {
        String runs = test.runs() > 1 ? String.format("  %d/%d runs passed", test.passedRuns(), test.runs()) : "";
        String hidden = test.visibility() == Visibility.HIDDEN ? "  (hidden)" : "";
        out.printf("  %3d/%-3d %-9s %s%s%s%n", test.score(), test.maxScore(), test.verdict().jsonName(), test.name(), hidden, runs);
        if (test.message() != null && !test.passed()) {
            test.message().lines().forEach(line -> out.println("            " + line));
        }
    }

    @Override
    public void exerciseGraded(ExerciseSpec exercise, ExerciseOutcome outcome) {
        if (outcome.status() != ExerciseStatus.GRADED) {
            out.printf("  %s%n", outcome.status().jsonName().replace('_', ' '));
            outcome.message().lines().forEach(line -> out.println("    " + line));
        }
        out.printf("  %s: %d/%d%n", exercise.id(), outcome.score(), outcome.maxScore());
    }

    @Override
    public void gradingFinished(GradingResult result) {
        out.printf(Locale.ROOT, "%nTotal: %d/%d in %.1f s%n", result.score(), result.maxScore(), result.durationMillis() / 1000.0);
    }
}
