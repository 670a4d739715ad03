package gradelock.grader.report;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import java.nio.file.Path;
import java.util.List;

/**
 * Hears what grading decides as it decides it. Reporters implement it; the pipeline itself never prints.
 * Every method does nothing unless overridden.
 */
public interface GradingObserver {

    default void gradingStarted(Path submission, List<ExerciseSpec> exercises) {
    }

    default void exerciseStarted(ExerciseSpec exercise) {
    }

    default void testGraded(ExerciseSpec exercise, TestOutcome test) {
    }

    default void exerciseGraded(ExerciseSpec exercise, ExerciseOutcome outcome) {
    }

    default void gradingFinished(GradingResult result) {
    }

    /** Tells every observer in turn. */
    static GradingObserver all(List<GradingObserver> observers) {
        List<GradingObserver> copy = List.copyOf(observers);
        return new GradingObserver() {
            @Override
            public void gradingStarted(Path submission, List<ExerciseSpec> exercises) {
                copy.forEach(o -> o.gradingStarted(submission, exercises));
            }

            @Override
            public void exerciseStarted(ExerciseSpec exercise) {
                copy.forEach(o -> o.exerciseStarted(exercise));
            }

            @Override
            public void testGraded(ExerciseSpec exercise, TestOutcome test) {
                copy.forEach(o -> o.testGraded(exercise, test));
            }

            @Override
            public void exerciseGraded(ExerciseSpec exercise, ExerciseOutcome outcome) {
                copy.forEach(o -> o.exerciseGraded(exercise, outcome));
            }

            @Override
            public void gradingFinished(GradingResult result) {
                copy.forEach(o -> o.gradingFinished(result));
            }
        };
    }
}
