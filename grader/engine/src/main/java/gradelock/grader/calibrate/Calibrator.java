package gradelock.grader.calibrate;

import gradelock.grader.Grader;
import gradelock.grader.model.CalibratedLimits;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.report.GradingObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Measures how long the reference solution takes on each test, over several gradings, and makes the slowest run of each
 * test its limit ({@link CalibratedLimits#limitFor}). The reference must get full marks in every grading: a duration
 * measured on a run that failed says nothing about how long a correct one takes.
 */
public final class Calibrator {

    private final Grader grader;

    /** @param grader a grader whose exercises carry no calibrated limits, so that what is measured is never cut short */
    public Calibrator(Grader grader) {
        this.grader = grader;
    }

    /**
     * Grades {@code reference} on {@code exercise} {@code runs} times.
     *
     * @param onRun told of each grading as it ends (its number and outcome)
     * @throws CalibrationException if the reference does not get full marks in a grading
     */
    public CalibratedLimits calibrate(ExerciseSpec exercise, Path reference, int runs, String machine,
                                      BiConsumer<Integer, ExerciseOutcome> onRun) throws IOException {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, but was " + runs);
        }
        Map<String, Long> slowest = new TreeMap<>();
        Map<String, Long> busiest = new TreeMap<>();
        for (int run = 1; run <= runs; run++) {
            ExerciseOutcome outcome = grader.grade(reference, List.of(exercise.id()), new GradingObserver() { }).exercise(exercise.id());
            onRun.accept(run, outcome);
            List<TestOutcome> lost = outcome.tests().stream().filter(test -> !test.passed()).toList();
            if (outcome.tests().isEmpty() || !lost.isEmpty()) {
                throw new CalibrationException(String.format("the reference of %s did not get full marks in run %d (%s), so its durations"
                        + " cannot set limits; fix the reference or the tests first", exercise.id(), run,
                        outcome.tests().isEmpty() ? outcome.status().jsonName() + ": " + outcome.message()
                                : lost.stream().map(test -> test.name() + " " + test.verdict().jsonName()).collect(Collectors.joining(", "))));
            }
            outcome.tests().forEach(test -> {
                slowest.merge(test.name(), test.slowestRunMillis(), Math::max);
                busiest.merge(test.name(), test.busiestRunMillis(), Math::max);
            });
        }
        return CalibratedLimits.measured(runs, machine, slowest, busiest, exercise.testTimeout().toMillis());
    }

    /** The reference lost a test while being measured. */
    public static final class CalibrationException extends RuntimeException {
        CalibrationException(String message) {
            super(message);
        }
    }
}
