package gradelock.grader;

import gradelock.grader.catalog.ExerciseCatalog;
import gradelock.grader.compile.CompileResult;
import gradelock.grader.compile.SubmissionCompiler;
import gradelock.grader.discover.SubmissionLocator;
import gradelock.grader.discover.SubmissionSources;
import gradelock.grader.execute.ExecutionReport;
import gradelock.grader.execute.ForkOptions;
import gradelock.grader.execute.ForkRunner;
import gradelock.grader.execute.GradingDeadline;
import gradelock.grader.execute.TemporaryFolders;
import gradelock.grader.grade.ReportText;
import gradelock.grader.grade.Scorer;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.Listing;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.policy.PolicyChecker;
import gradelock.grader.policy.PolicyViolation;
import gradelock.grader.report.GradingObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The grading pipeline: discover each exercise's sources, compile them, run the tests in forked JVMs,
 * score. Whatever goes wrong with one exercise is that exercise's outcome; the others are still graded.
 */
public final class Grader {

    private final ExerciseCatalog catalog;
    private final ForkOptions forkOptions;
    private final SubmissionCompiler compiler = new SubmissionCompiler();
    private final Path workRoot;
    private final int exercisesAtOnce;
    /** How long one grading may take in all, or null for as long as its exercises' budgets allow. */
    private final Duration deadline;

    public Grader(ExerciseCatalog catalog, ForkOptions forkOptions) {
        this(catalog, forkOptions, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * A grader whose temporary folders (one per grading, deleted when it ends) go under {@code workRoot}. A
     * submission's own temporary files go there too: its test JVMs get a {@code java.io.tmpdir} inside it.
     */
    public Grader(ExerciseCatalog catalog, ForkOptions forkOptions, Path workRoot) {
        this(catalog, forkOptions, workRoot, 1);
    }

    /**
     * @param exercisesAtOnce how many of a submission's exercises are graded at the same time, each in its own test JVMs;
     *                        reporters hear of them one after another all the same, in the course's order
     */
    public Grader(ExerciseCatalog catalog, ForkOptions forkOptions, Path workRoot, int exercisesAtOnce) {
        this(catalog, forkOptions, workRoot, exercisesAtOnce, null);
    }

    private Grader(ExerciseCatalog catalog, ForkOptions forkOptions, Path workRoot, int exercisesAtOnce, Duration deadline) {
        if (exercisesAtOnce < 1) {
            throw new IllegalArgumentException("exercisesAtOnce must be at least 1, but was " + exercisesAtOnce);
        }
        this.catalog = catalog;
        this.forkOptions = forkOptions;
        this.workRoot = workRoot;
        this.exercisesAtOnce = exercisesAtOnce;
        this.deadline = deadline;
    }

    /** This grader, grading {@code exercisesAtOnce} exercises of a submission at the same time. */
    public Grader withExercisesAtOnce(int exercisesAtOnce) {
        return new Grader(catalog, forkOptions, workRoot, exercisesAtOnce, deadline);
    }

    /**
     * This grader, ending each grading {@code deadline} after it began (a course platform kills an autograder past its own
     * timeout, and the student then gets nothing): the tests running then are stopped, and what is not done is reported
     * not run with why ({@link GradingDeadline}). Null for no deadline.
     */
    public Grader withDeadline(Duration deadline) {
        return new Grader(catalog, forkOptions, workRoot, exercisesAtOnce, deadline);
    }

    /** As many exercises as test JVMs may run at once, each in a test JVM of its own. */
    public static int defaultExercisesAtOnce() {
        return testJvmsAtOnce();
    }

    /**
     * How many test JVMs the grader runs at once by default: two per core. Tests spend most of their time waiting (for
     * a timeout, for each other, for child JVMs), so one per core left a core idle half the time; four at once on two
     * cores held every verdict of {@code validate}, twice in a row (docs/grader.md, "Grading several at once").
     */
    public static int testJvmsAtOnce() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Grades {@code submission} on the given exercises, all of them if none are given.
     *
     * @throws IllegalArgumentException for an exercise id the catalog does not know
     */
    public GradingResult grade(Path submission, List<String> exerciseIds, GradingObserver observer) throws IOException {
        return grade(submission, exerciseIds, Set.of(), observer);
    }

    /**
     * Grades {@code submission} on the given exercises, running only the tests named in {@code onlyTests}
     * ({@code Class.method}) if it is not empty: for proving that named tests catch a known bug, quickly.
     */
    public GradingResult grade(Path submission, List<String> exerciseIds, Set<String> onlyTests, GradingObserver observer) throws IOException {
        long start = System.nanoTime();
        GradingDeadline gradingDeadline = GradingDeadline.after(start, deadline);
        List<ExerciseSpec> exercises = select(exerciseIds);
        observer.gradingStarted(submission, exercises);
        Path workDir = Files.createTempDirectory(workRoot, "gradelock-");
        try {
            Map<String, SubmissionSources> found = SubmissionLocator.locate(submission, exercises, workDir);
            InOrderRelay relay = new InOrderRelay(observer, exercises.size());
            List<ExerciseOutcome> outcomes = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(exercisesAtOnce, Math.max(1, exercises.size())),
                    Thread.ofPlatform().name("gradelock-exercise-", 1).factory())) {
                List<Future<ExerciseOutcome>> pending = new ArrayList<>();
                for (int i = 0; i < exercises.size(); i++) {
                    ExerciseSpec exercise = exercises.get(i);
                    GradingObserver inOrder = relay.forExercise(i);
                    pending.add(pool.submit(() -> {
                        inOrder.exerciseStarted(exercise);
                        ExerciseOutcome outcome = gradingDeadline.passed() ? notReached(exercise, gradingDeadline)
                                : ReportText.withMessageEscaped(gradeExercise(exercise, found.get(exercise.id()), onlyTests, gradingDeadline,
                                        workDir.resolve(exercise.id()), inOrder));
                        inOrder.exerciseGraded(exercise, outcome);
                        return outcome;
                    }));
                }
                for (Future<ExerciseOutcome> outcome : pending) {
                    outcomes.add(outcome.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("grading was interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            }
            GradingResult result = GradingResult.of(outcomes, (System.nanoTime() - start) / 1_000_000);
            observer.gradingFinished(result);
            return result;
        } finally {
            TemporaryFolders.deleteQuietly(workDir);
        }
    }

    private List<ExerciseSpec> select(List<String> exerciseIds) {
        if (exerciseIds.isEmpty()) {
            return catalog.all();
        }
        return exerciseIds.stream().distinct().map(id -> catalog.find(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown exercise '" + id + "' (known: " + String.join(", ", catalog.ids()) + ")"))).toList();
    }

    private ExerciseOutcome gradeExercise(ExerciseSpec exercise, SubmissionSources sources, Set<String> onlyTests, GradingDeadline deadline,
                                          Path workDir, GradingObserver observer) {
        if (sources == null) {
            return ExerciseOutcome.ungraded(exercise.id(), exercise.maxScore(), ExerciseStatus.MISSING,
                    "No submission found: expected class" + (exercise.classes().size() > 1 ? "es " : " ")
                            + String.join(", ", exercise.qualifiedClassNames()) + " (package " + exercise.packageName() + ").");
        }
        try {
            Files.createDirectories(workDir);
            CompileResult compiled = compiler.compile(sources, workDir.resolve("classes"));
            if (compiled instanceof CompileResult.Failed failed) {
                return ExerciseOutcome.ungraded(exercise.id(), exercise.maxScore(), ExerciseStatus.COMPILE_ERROR, failed.summary());
            }
            CompileResult.Compiled ok = (CompileResult.Compiled) compiled;
            List<PolicyViolation> violations = new PolicyChecker(Set.copyOf(exercise.policy().allow())).check(ok.submission());
            if (!violations.isEmpty()) {
                return ExerciseOutcome.ungraded(exercise.id(), exercise.maxScore(), ExerciseStatus.POLICY_VIOLATION, policySummary(violations));
            }
            List<TestOutcome> tests = new ArrayList<>();
            ReportText text = new ReportText(ok.submission().sourceByClass());
            ExecutionReport report = new ForkRunner(forkOptions, workDir).run(exercise, ok.submission(), onlyTests, deadline, runs -> {
                TestOutcome test = text.cleaned(Scorer.score(exercise, runs));
                tests.add(test);
                observer.testGraded(exercise, test);
            });
            if (report.problem() != null) {
                // the deadline can end the first test JVM before it has listed the tests
                return deadline.passed() ? notReached(exercise, deadline)
                        : ExerciseOutcome.ungraded(exercise.id(), exercise.maxScore(), ExerciseStatus.CRASHED, report.problem());
            }
            return ExerciseOutcome.graded(exercise.id(), tests);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExerciseOutcome.ungraded(exercise.id(), exercise.maxScore(), ExerciseStatus.CRASHED, "Grading was interrupted.");
        } catch (IOException | RuntimeException e) {
            return ExerciseOutcome.ungraded(exercise.id(), exercise.maxScore(), ExerciseStatus.CRASHED,
                    "The grader could not grade this exercise: " + e);
        }
    }

    private static ExerciseOutcome notReached(ExerciseSpec exercise, GradingDeadline deadline) {
        return ExerciseOutcome.ungraded(exercise.id(), exercise.maxScore(), ExerciseStatus.NOT_RUN, deadline.exerciseNotRunReason());
    }

    /** The violations one per line, in the shape of compile errors, so that reports point at each line alike. */
    private static String policySummary(List<PolicyViolation> violations) {
        return Listing.firstLines("None of its code was run: it uses what the grading policy forbids (the rules are in docs/security.md):",
                violations, 10);
    }
}
