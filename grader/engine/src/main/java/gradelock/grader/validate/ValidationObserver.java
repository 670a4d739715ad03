package gradelock.grader.validate;

import gradelock.grader.model.ExerciseOutcome;
import java.util.List;

/** Hears what validation finds as it goes; every method does nothing unless overridden. */
public interface ValidationObserver {

    default void variantStarted(Variant variant, int runs) {
    }

    default void runGraded(Variant variant, int run, ExerciseOutcome outcome) {
    }

    default void variantValidated(VariantResult result) {
    }

    default void validationFinished(ValidationReport report) {
    }

    /** Tells every observer in turn. */
    static ValidationObserver all(List<ValidationObserver> observers) {
        List<ValidationObserver> copy = List.copyOf(observers);
        return new ValidationObserver() {
            @Override
            public void variantStarted(Variant variant, int runs) {
                copy.forEach(o -> o.variantStarted(variant, runs));
            }

            @Override
            public void runGraded(Variant variant, int run, ExerciseOutcome outcome) {
                copy.forEach(o -> o.runGraded(variant, run, outcome));
            }

            @Override
            public void variantValidated(VariantResult result) {
                copy.forEach(o -> o.variantValidated(result));
            }

            @Override
            public void validationFinished(ValidationReport report) {
                copy.forEach(o -> o.validationFinished(report));
            }
        };
    }
}
