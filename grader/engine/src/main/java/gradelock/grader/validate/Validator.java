package gradelock.grader.validate;

import gradelock.grader.Grader;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.report.GradingObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Grades every variant {@code runs} times, one grading at a time (two at once would skew the timing-sensitive
 * tests), and judges each against what it must get.
 */
public final class Validator {

    /** Which tests a variant is graded on. */
    public enum Scope {
        /** Every test of the exercise, for every variant: the whole kill matrix. */
        ALL_TESTS,
        /** A faulty variant only on the tests its expected.json names (the others as {@code ALL_TESTS}): the proof, sooner. */
        NAMED_TESTS_FOR_FAULTY_VARIANTS
    }

    private final Grader grader;
    private final Scope scope;

    public Validator(Grader grader, Scope scope) {
        this.grader = grader;
        this.scope = scope;
    }

    public ValidationReport validate(List<Variant> variants, int runs, ValidationObserver observer) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, but was " + runs);
        }
        long start = System.nanoTime();
        List<VariantResult> results = new ArrayList<>();
        for (Variant variant : variants) {
            observer.variantStarted(variant, runs);
            VariantResult result = validate(variant, runs, observer);
            observer.variantValidated(result);
            results.add(result);
        }
        ValidationReport report = new ValidationReport(runs, results, (System.nanoTime() - start) / 1_000_000);
        observer.validationFinished(report);
        return report;
    }

    private VariantResult validate(Variant variant, int runs, ValidationObserver observer) {
        if (variant.problem() != null) {
            return new VariantResult(variant, List.of(), List.of(variant.problem()));
        }
        List<ExerciseOutcome> outcomes = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            ExerciseOutcome outcome = grade(variant);
            outcomes.add(outcome);
            observer.runGraded(variant, run, outcome);
        }
        return new VariantResult(variant, outcomes, Judge.shortfalls(variant, outcomes));
    }

    private ExerciseOutcome grade(Variant variant) {
        try {
            Set<String> onlyTests = scope == Scope.NAMED_TESTS_FOR_FAULTY_VARIANTS && variant.kind() == Variant.Kind.FAULTY
                    ? variant.expected().orElseThrow().expect().stream().map(Variant.Expectation::test).collect(Collectors.toSet())
                    : Set.of();
            return grader.grade(variant.folder(), List.of(variant.exerciseId()), onlyTests, new GradingObserver() { }).exercise(variant.exerciseId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot grade " + variant.label() + ": " + e.getMessage(), e);
        }
    }
}
