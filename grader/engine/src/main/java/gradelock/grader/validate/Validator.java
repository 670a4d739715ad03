package gradelock.grader.validate;

import gradelock.grader.Grader;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.report.GradingObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Grades every variant {@code runs} times, {@code jobs} variants at a time, and judges each against what it must get.
 * Observers hear of the variants in order, from the calling thread, whatever order they finish in.
 */
public final class Validator {

    /** Which tests a variant is graded on. */
    public enum Scope {
        /** Every test of the exercise, for every variant, in every run: the whole kill matrix every time. */
        ALL_TESTS,
        /**
         * A faulty variant on every test in its first run (the kill matrix) and only on the tests its expected.json names
         * in the others (the proof, in every run); the other kinds on every test in every run.
         */
        KILL_MATRIX_ONCE,
        /** A faulty variant only on the tests its expected.json names (the others as {@code ALL_TESTS}): the proof, sooner. */
        NAMED_TESTS_FOR_FAULTY_VARIANTS
    }

    /** How many times {@code validate} grades each variant unless told otherwise (docs/grader.md says why this many). */
    public static final int DEFAULT_RUNS = 3;

    private final Grader grader;
    private final Scope scope;
    private final int jobs;

    public Validator(Grader grader, Scope scope) {
        this(grader, scope, 1);
    }

    /** @param jobs how many variants are graded at once */
    public Validator(Grader grader, Scope scope, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, but was " + jobs);
        }
        this.grader = grader;
        this.scope = scope;
        this.jobs = jobs;
    }

    /** As many variants as test JVMs may run at once ({@link Grader#testJvmsAtOnce}). */
    public static int defaultJobs() {
        return Grader.testJvmsAtOnce();
    }

    public ValidationReport validate(List<Variant> variants, int runs, ValidationObserver observer) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, but was " + runs);
        }
        long start = System.nanoTime();
        List<VariantResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, Thread.ofPlatform().name("gradelock-validate-", 1).factory());
        try {
            List<Future<VariantResult>> pending = variants.stream().map(variant -> pool.submit(() -> validate(variant, runs))).toList();
            for (int i = 0; i < variants.size(); i++) {
                observer.variantStarted(variants.get(i), runs);
                VariantResult result = pending.get(i).get();
                for (int run = 0; run < result.runs().size(); run++) {
                    observer.runGraded(result.variant(), run + 1, result.runs().get(run));
                }
                observer.variantValidated(result);
                results.add(result);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("validation was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        ValidationReport report = new ValidationReport(runs, results, (System.nanoTime() - start) / 1_000_000);
        observer.validationFinished(report);
        return report;
    }

    private VariantResult validate(Variant variant, int runs) {
        if (variant.problem() != null) {
            return new VariantResult(variant, List.of(), List.of(variant.problem()), 0);
        }
        long start = System.nanoTime();
        List<ExerciseOutcome> outcomes = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            outcomes.add(grade(variant, run));
        }
        return new VariantResult(variant, outcomes, Judge.shortfalls(variant, outcomes), (System.nanoTime() - start) / 1_000_000);
    }

    private ExerciseOutcome grade(Variant variant, int run) {
        boolean namedTestsOnly = variant.kind() == Variant.Kind.FAULTY
                && (scope == Scope.NAMED_TESTS_FOR_FAULTY_VARIANTS || scope == Scope.KILL_MATRIX_ONCE && run > 1);
        Set<String> onlyTests = namedTestsOnly
                ? variant.expected().orElseThrow().expect().stream().map(Variant.Expectation::test).collect(Collectors.toSet())
                : Set.of();
        try {
            return grader.grade(variant.folder(), List.of(variant.exerciseId()), onlyTests, new GradingObserver() { }).exercise(variant.exerciseId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot grade " + variant.label() + ": " + e.getMessage(), e);
        }
    }
}
