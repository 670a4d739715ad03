package gradelock.grader.validate;

import gradelock.grader.model.ExerciseOutcome;
import java.util.List;

/**
 * How one variant fared over every run.
 *
 * @param runs       the grading of each run, in order; empty if the variant could not be graded at all
 * @param shortfalls sentences saying where the variant's grades differ from what they must be; empty if they hold
 * @param durationMillis the wall time of its gradings
 */
public record VariantResult(Variant variant, List<ExerciseOutcome> runs, List<String> shortfalls, long durationMillis) {

    public VariantResult {
        runs = List.copyOf(runs);
        shortfalls = List.copyOf(shortfalls);
    }

    public boolean holds() {
        return shortfalls.isEmpty();
    }
}
