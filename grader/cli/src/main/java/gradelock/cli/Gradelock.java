package gradelock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gradelock.grader.Grader;
import gradelock.grader.catalog.ExerciseCatalog;
import gradelock.grader.calibrate.Calibrator;
import gradelock.grader.execute.ForkOptions;
import gradelock.grader.model.CalibratedLimits;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.report.GradingObserver;
import gradelock.grader.batch.BatchGrader;
import gradelock.grader.discover.UnreadableSubmissionException;
import gradelock.grader.batch.ClassSummary;
import gradelock.grader.batch.Fingerprint;
import gradelock.grader.batch.Shard;
import gradelock.grader.batch.ShardManifest;
import gradelock.grader.batch.ShardMerger;
import gradelock.grader.batch.StudentSubmission;
import gradelock.grader.report.AtomicFiles;
import gradelock.grader.report.BatchProgress;
import gradelock.grader.report.ClassSummaryHtml;
import gradelock.grader.report.GitHubAnnotations;
import gradelock.grader.report.GradescopeReport;
import gradelock.grader.report.HiddenTestsVisibility;
import gradelock.grader.report.HtmlReport;
import gradelock.grader.report.JUnitXmlReport;
import gradelock.grader.report.JsonReport;
import gradelock.grader.report.MarkdownReport;
import gradelock.grader.report.KillMatrix;
import gradelock.grader.report.ScoreCard;
import gradelock.grader.report.ValidationProgress;
import gradelock.grader.validate.CourseVariants;
import gradelock.grader.validate.ValidationObserver;
import gradelock.grader.validate.ValidationReport;
import gradelock.grader.validate.Validator;
import gradelock.grader.validate.Variant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code gradelock} command line. */
@Command(name = "gradelock", mixinStandardHelpOptions = true, version = Gradelock.VERSION,
        description = "Grades Java concurrency exercises: compiles a submission, runs public and hidden tests in forked JVMs,"
                + " and names deadlocks, stalls and timeouts.",
        subcommands = {Gradelock.Grade.class, Gradelock.Batch.class, Gradelock.Validate.class, Gradelock.Calibrate.class,
                Gradelock.Merge.class, Gradelock.ExportTemplate.class, Gradelock.Package.class})
public final class Gradelock implements Runnable {

    /** Grading completed (whatever the score). */
    public static final int EXIT_OK = 0;
    /** The grader itself failed. */
    public static final int EXIT_FAILURE = 1;
    /** A usage error: no such path, unknown exercise, bad option. */
    public static final int EXIT_USAGE = 2;
    /** {@code validate} found a variant whose grades are not what they must be; {@code calibrate}, a reference that lost a test. */
    public static final int EXIT_VALIDATION_FELL_SHORT = 3;

    /** limits.json as calibrate writes it: indented, tests in name order, so that a recalibration's diff reads well. */
    private static final ObjectMapper LIMITS_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The version {@code --version} prints, and shard outputs record. */
    static final String VERSION = "gradelock 0.1.0";

    /** Kubernetes sets it in each pod of an Indexed Job: the pod's index, from 0. */
    static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";
    /** How many shards a class is graded in, for {@code batch} under {@link #JOB_COMPLETION_INDEX} (or {@code --shards}). */
    static final String SHARDS_VARIABLE = "GRADELOCK_SHARDS";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment the commands read ({@link #JOB_COMPLETION_INDEX}, {@link #SHARDS_VARIABLE}). */
    private final Map<String, String> environment;

    private Gradelock(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, in the given environment. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new Gradelock(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("gradelock: " + ex.getMessage() + " (see gradelock --help)");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, parsed, result) -> {
            if (ex instanceof UsageError) {
                err.println("gradelock: " + ex.getMessage());
                return EXIT_USAGE;
            }
            err.println("gradelock: the grader failed: " + ex.getMessage());
            if (System.getenv("GRADELOCK_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return EXIT_FAILURE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A mistake in how the command was called: one line, exit status 2, no stack trace. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    @Command(name = "grade", mixinStandardHelpOptions = true,
            description = "Grades one submission: a copy of exercises/, one exercise folder, or a folder or .zip of .java files.")
    static final class Grade implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PATH", description = "the submission to grade")
        Path submission;

        @Option(names = "--exercise", paramLabel = "ID", description = "grade only this exercise (repeatable); default: all")
        List<String> exercises = new ArrayList<>();

        @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON to FILE")
        Path json;

        @Option(names = "--junit-xml", paramLabel = "FILE", description = "also write the result as JUnit XML (for CI) to FILE")
        Path junitXml;

        @Option(names = "--markdown", paramLabel = "FILE",
                description = "also write a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY, or a pull-request comment)")
        Path markdown;

        @Option(names = "--github-annotations",
                description = "also print GitHub Actions ::error annotations on the submission's own lines: one per line, naming every"
                        + " test that loses points there; the 10 most important (GitHub shows no more), then a notice counting the rest")
        boolean githubAnnotations;

        @Option(names = "--gradescope", paramLabel = "FILE", description = "also write Gradescope's results.json to FILE (written as"
                + " grading starts and again as each exercise is graded, so that a grading killed part way leaves what it graded)")
        Path gradescope;

        @Option(names = "--hidden-tests-visibility", paramLabel = "[ID=]VALUE", description = "when --gradescope's results.json shows"
                + " students the hidden tests: visible (with their names and explanations; the default), after_due_date, after_published"
                + " or hidden; VALUE for every exercise, ID=VALUE for one (repeatable)")
        List<String> hiddenTestsVisibility = new ArrayList<>();

        @Option(names = "--deadline", paramLabel = "SECONDS", description = "end grading SECONDS after it began: the tests running then"
                + " are stopped, and they, the tests after them and the exercises not begun are reported not_run with why; what was"
                + " graded stays (default: none; a Gradescope bundle passes " + GradescopePackager.DEFAULT_DEADLINE_SECONDS + ")")
        Integer deadline;

        @Option(names = "--html", paramLabel = "FILE", description = "also write a self-contained HTML report to FILE")
        Path html;

        @Option(names = "--jobs", paramLabel = "N", description = "exercises graded at once, each in test JVMs of its own"
                + " (default: two per core, here ${DEFAULT-VALUE}); reports list them in order all the same")
        int jobs = Grader.defaultExercisesAtOnce();

        @Override
        public Integer call() throws Exception {
            if (jobs < 1) {
                throw new UsageError("--jobs must be at least 1, but was " + jobs);
            }
            if (!Files.exists(submission)) {
                throw new UsageError("no such file or folder: " + submission);
            }
            if (!Files.isDirectory(submission) && !submission.getFileName().toString().toLowerCase().endsWith(".zip")) {
                throw new UsageError("not a folder or a .zip file: " + submission);
            }
            if (deadline != null && deadline < 1) {
                throw new UsageError("--deadline must be at least 1 second, but was " + deadline);
            }
            if (!hiddenTestsVisibility.isEmpty() && gradescope == null) {
                throw new UsageError("--hidden-tests-visibility sets what --gradescope's results.json shows: add --gradescope FILE");
            }
            ExerciseCatalog catalog = knownCatalog(exercises);
            HiddenTestsVisibility hiddenTests = hiddenTestsVisibility(hiddenTestsVisibility, catalog, exercises);
            List<GradingObserver> observers = new ArrayList<>();
            observers.add(new ScoreCard(spec.commandLine().getOut()));
            if (json != null) {
                observers.add(new JsonReport(json));
            }
            if (junitXml != null) {
                observers.add(new JUnitXmlReport(junitXml));
            }
            if (markdown != null) {
                observers.add(new MarkdownReport(markdown));
            }
            if (gradescope != null) {
                observers.add(new GradescopeReport(gradescope, hiddenTests));
            }
            if (html != null) {
                observers.add(new HtmlReport(html));
            }
            if (githubAnnotations) {
                observers.add(new GitHubAnnotations(spec.commandLine().getOut(), markdown));
            }
            try {
                new Grader(catalog, ForkOptions.likeThisJvm()).withExercisesAtOnce(jobs)
                        .withDeadline(deadline == null ? null : Duration.ofSeconds(deadline))
                        .grade(submission.toAbsolutePath().normalize(), exercises, GradingObserver.all(observers));
            } catch (UnreadableSubmissionException e) {
                throw new UsageError(e.getMessage());
            }
            return EXIT_OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Proves the course's tests: for every exercise, the reference and each alternative get full marks in every run,"
                    + " the stub gets nothing, and each faulty variant loses the tests its expected.json names, with the verdicts it names,"
                    + " in every run. Prints a kill matrix (tests down, variants across).",
                    "Exit status: 0 if everything holds, 3 if anything falls short, 2 for a usage error, 1 if the grader failed."})
    static final class Validate implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--runs", paramLabel = "N", description = "grade every variant N times (default: ${DEFAULT-VALUE})")
        int runs = Validator.DEFAULT_RUNS;

        @Option(names = "--jobs", paramLabel = "N", description = "variants graded at once (default: two per core, here ${DEFAULT-VALUE})")
        int jobs = Validator.defaultJobs();

        @Option(names = "--exercise", paramLabel = "ID", description = "validate only this exercise (repeatable); default: all")
        List<String> exercises = new ArrayList<>();

        @CommandLine.Mixin
        CourseOption course;

        @Option(names = "--quick", description = "grade each faulty variant only on the tests its expected.json names, in every run"
                + " (faster; the kill matrix then shows only those tests for it). By default its first run has every test")
        boolean quick;

        @Option(names = "--full", description = "grade each faulty variant on every test in every run, not only in its first")
        boolean full;

        @Override
        public Integer call() {
            if (runs < 1) {
                throw new UsageError("--runs must be at least 1, but was " + runs);
            }
            if (jobs < 1) {
                throw new UsageError("--jobs must be at least 1, but was " + jobs);
            }
            if (quick && full) {
                throw new UsageError("--quick and --full exclude each other: choose one");
            }
            Path root = course.root();
            ExerciseCatalog catalog = knownCatalog(exercises);
            List<Variant> variants = (exercises.isEmpty() ? catalog.ids() : exercises).stream()
                    .flatMap(id -> CourseVariants.of(root, id).stream()).toList();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Validating %d variants of %d exercise%s, %d run%s each, %d at a time%n", variants.size(),
                    variants.stream().map(Variant::exerciseId).distinct().count(), exercises.size() == 1 ? "" : "s", runs, runs == 1 ? "" : "s", jobs);
            Validator.Scope scope = quick ? Validator.Scope.NAMED_TESTS_FOR_FAULTY_VARIANTS
                    : full ? Validator.Scope.ALL_TESTS : Validator.Scope.KILL_MATRIX_ONCE;
            ValidationReport report = new Validator(new Grader(catalog, ForkOptions.likeThisJvm()), scope, jobs)
                    .validate(variants, runs, ValidationObserver.all(List.of(new ValidationProgress(out), new KillMatrix(out))));
            return report.holds() ? EXIT_OK : EXIT_VALIDATION_FELL_SHORT;
        }
    }

    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = {"Measures each exercise's reference solution over N gradings and writes solutions/<id>/limits.json: every"
                    + " test's time limit, " + CalibratedLimits.FACTOR + " times its slowest run, at least " + CalibratedLimits.FLOOR_MILLIS
                    + " ms, at most the exercise's test_timeout_seconds. Run it on a quiet machine after changing a test, then"
                    + " ./gradelock validate.",
                    "Exit status: 0 when written, 3 if a reference lost a test (nothing is written for it), 2 for a usage error."})
    static final class Calibrate implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--runs", paramLabel = "N", description = "grade each reference N times (default: ${DEFAULT-VALUE})")
        int runs = 10;

        @Option(names = "--exercise", paramLabel = "ID", description = "calibrate only this exercise (repeatable); default: all")
        List<String> exercises = new ArrayList<>();

        @CommandLine.Mixin
        CourseOption course;

        @Override
        public Integer call() throws Exception {
            if (runs < 1) {
                throw new UsageError("--runs must be at least 1, but was " + runs);
            }
            Path root = course.root();
            ExerciseCatalog catalog = knownCatalog(exercises).withoutLimits();
            PrintWriter out = spec.commandLine().getOut();
            String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                    + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
            Calibrator calibrator = new Calibrator(new Grader(catalog, ForkOptions.likeThisJvm()));
            boolean allWritten = true;
            for (String id : exercises.isEmpty() ? catalog.ids() : exercises.stream().distinct().toList()) {
                ExerciseSpec exercise = catalog.find(id).orElseThrow();
                Path solution = root.resolve("solutions").resolve(id);
                out.printf("%s: grading the reference %d times", id, runs);
                out.flush();
                try {
                    CalibratedLimits limits = calibrator.calibrate(exercise, solution.resolve("src/main/java"), runs, machine,
                            (run, outcome) -> { out.print("."); out.flush(); });
                    Path file = solution.resolve(CalibratedLimits.FILE_NAME);
                    AtomicFiles.write(file, LIMITS_JSON.writeValueAsString(limits) + "\n");
                    LongSummaryStatistics spread = limits.tests().values().stream().mapToLong(CalibratedLimits.TestLimit::limitMillis).summaryStatistics();
                    out.printf(" wrote %s: %d tests, limits %.1f to %.1f s%n", root.relativize(file), limits.tests().size(),
                            spread.getMin() / 1000.0, spread.getMax() / 1000.0);
                } catch (Calibrator.CalibrationException e) {
                    out.println();
                    spec.commandLine().getErr().println("gradelock: " + e.getMessage());
                    allWritten = false;
                }
            }
            return allWritten ? EXIT_OK : EXIT_VALIDATION_FELL_SHORT;
        }
    }

    @Command(name = "batch", mixinStandardHelpOptions = true,
            description = {"Grades a whole class: DIR holds one folder or .zip per student, named by the student's id.",
                    "Writes OUT/<student>/result.json, report.txt and report.html as each student finishes, OUT/gradebook.csv after"
                            + " each, and at the end OUT/summary.txt and summary.html, out of the exercises named with --exercise or"
                            + " else those the class submitted. Students graded before are skipped unless --force.",
                    "With --shard I/N (or, in a Kubernetes Indexed Job, JOB_COMPLETION_INDEX and " + SHARDS_VARIABLE + " or --shards N)"
                            + " it grades only shard I of N of the class, by a hash of each student's id, and records it in OUT/"
                            + ShardManifest.FILE + " for gradelock merge (docs/scale.md)."})
    static final class Batch implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        Gradelock gradelock;

        @Option(names = "--shard", paramLabel = "I/N", description = "grade only shard I of N (counted from 1): the students whose id"
                + " hashes to it; default: " + JOB_COMPLETION_INDEX + " + 1 of " + SHARDS_VARIABLE + " (or --shards) when set, else everyone")
        String shard;

        @Option(names = "--shards", paramLabel = "N", description = "how many shards, when " + JOB_COMPLETION_INDEX + " says which one"
                + " (instead of " + SHARDS_VARIABLE + ")")
        Integer shards;

        @Parameters(index = "0", paramLabel = "DIR", description = "the class: one folder or .zip per student")
        Path classDir;

        @Option(names = "--out", paramLabel = "OUT", required = true, description = "where the results go")
        Path out;

        @Option(names = "--jobs", paramLabel = "N", description = "students graded at once (default: two per core, each one exercise at a time, here ${DEFAULT-VALUE})")
        int jobs = BatchGrader.defaultJobs();

        @Option(names = "--force", description = "grade again the students that already have a result in OUT")
        boolean force;

        @Option(names = "--exercise", paramLabel = "ID", description = "grade only this exercise (repeatable); default: all")
        List<String> exercises = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(classDir)) {
                throw new UsageError("no such folder: " + classDir);
            }
            if (jobs < 1) {
                throw new UsageError("--jobs must be at least 1, but was " + jobs);
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new UsageError("--out must be a folder, but " + out + " is a file");
            }
            ExerciseCatalog catalog = knownCatalog(exercises);
            List<StudentSubmission> students = StudentSubmission.in(classDir);
            if (students.isEmpty()) {
                throw new UsageError("no students in " + classDir + ": it should hold one folder or .zip file per student");
            }
            List<String> columns = exercises.isEmpty() ? catalog.ids() : exercises.stream().distinct().toList();
            Shard part = shard(gradelock.environment);
            if (part != null) {
                ShardManifest manifest = ShardManifest.of(fingerprint(), exercises, columns, part, students);
                checkResumesTheSameShard(manifest);
                Files.createDirectories(out);
                manifest.writeInto(out);
                spec.commandLine().getOut().printf("Shard %s: %d of the class's %d students%n", part, manifest.students().size(), students.size());
                students = part.of(students);
            }
            PrintWriter console = spec.commandLine().getOut();
            // the test JVMs left over by the students graded at once go to their exercises
            Grader grader = new Grader(catalog, ForkOptions.likeThisJvm()).withExercisesAtOnce(Math.max(1, Grader.defaultExercisesAtOnce() / jobs));
            ClassSummary summary = new BatchGrader(grader, out, jobs, force)
                    .grade(students, exercises, columns, new BatchProgress(console));
            writeSummaries(out, summary);
            console.printf("%nWrote %s, summary.txt and summary.html (with every student's score and reports) and a folder per student in %s%n",
                    BatchGrader.GRADEBOOK_FILE, out);
            return EXIT_OK;
        }

        /**
         * The shard to grade: {@code --shard}, else {@value #JOB_COMPLETION_INDEX} + 1 of {@code --shards} or
         * {@value #SHARDS_VARIABLE}, else null (the whole class); a usage error when only one of index and count is known.
         */
        Shard shard(Map<String, String> environment) {
            if (shard != null) {
                if (shards != null) {
                    throw new UsageError("--shards goes with " + JOB_COMPLETION_INDEX + "; --shard " + shard + " names the count already");
                }
                try {
                    return Shard.parse(shard);
                } catch (IllegalArgumentException e) {
                    throw new UsageError(e.getMessage());
                }
            }
            String index = environment.get(JOB_COMPLETION_INDEX);
            String countFrom = shards != null ? "--shards" : SHARDS_VARIABLE;
            String count = shards != null ? shards.toString() : environment.get(SHARDS_VARIABLE);
            if (index == null && count == null) {
                return null;
            }
            if (index == null) {
                throw new UsageError(countFrom + " " + count + " says how many shards but not which one to grade: pass --shard I/N,"
                        + " or set " + JOB_COMPLETION_INDEX + " (from 0)");
            }
            if (count == null) {
                throw new UsageError(JOB_COMPLETION_INDEX + " is " + index + " but the number of shards is unknown: set "
                        + SHARDS_VARIABLE + " or pass --shards N");
            }
            int total;
            int zeroBased;
            try {
                total = Integer.parseInt(count.strip());
            } catch (NumberFormatException e) {
                throw new UsageError(countFrom + " must be a whole number of shards, but was '" + count + "'");
            }
            if (total < 1) {
                throw new UsageError(countFrom + " must be at least 1, but was " + total);
            }
            try {
                zeroBased = Integer.parseInt(index.strip());
            } catch (NumberFormatException e) {
                throw new UsageError(JOB_COMPLETION_INDEX + " must be a whole number from 0 to " + (total - 1) + ", but was '" + index + "'");
            }
            if (zeroBased < 0 || zeroBased >= total) {
                throw new UsageError(JOB_COMPLETION_INDEX + " must be from 0 to " + (total - 1) + " for " + total + " shards ("
                        + countFrom + "), but was " + zeroBased);
            }
            return new Shard(zeroBased + 1, total);
        }

        /** A rerun resumes its own shard; results of another shard, grader or course in OUT would be merged as this one's. */
        private void checkResumesTheSameShard(ShardManifest manifest) {
            if (!Files.isRegularFile(out.resolve(ShardManifest.FILE))) {
                return;
            }
            ShardManifest earlier;
            try {
                earlier = ShardManifest.readFrom(out);
            } catch (IOException | RuntimeException unreadable) {
                return; // half-written: this run writes it anew
            }
            String fingerprints = earlier.fingerprint().difference(manifest.fingerprint());
            String graded = !earlier.shard().equals(manifest.shard()) ? "as shard " + earlier.shard()
                    : fingerprints != null ? "with different " + fingerprints
                    : !earlier.exercises().equals(manifest.exercises()) ? "on other exercises" : null;
            if (graded != null && !force) {
                throw new UsageError(out + " holds results graded " + graded + "; grade shard " + manifest.shard()
                        + " into a new --out (or pass --force to grade it again there)");
            }
        }
    }

    /** summary.txt and summary.html, as batch and merge write them. */
    static void writeSummaries(Path out, ClassSummary summary) {
        AtomicFiles.write(out.resolve("summary.txt"), BatchProgress.summary(summary, true));
        AtomicFiles.write(out.resolve("summary.html"), ClassSummaryHtml.toHtml(summary));
    }

    /** The grader running now and the course on its class path. */
    static Fingerprint fingerprint() {
        return Fingerprint.of(VERSION, List.of(Gradelock.class, BatchGrader.class), Gradelock.class.getClassLoader());
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Merges the outputs of batch --shard I/N, one per shard, into OUT as one batch of the whole class writes it:"
                    + " a folder per student, gradebook.csv, summary.txt and summary.html.",
                    "Refuses shards graded with another grader, course, exercises or class, a student graded in two shards, and a"
                            + " shard missing or stopped part way (rerun it: it resumes), unless --allow-partial."})
    static final class Merge implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SHARD_OUT", arity = "1..*", description = "the --out folder of each shard")
        List<Path> shardOutputs = new ArrayList<>();

        @Option(names = "--out", paramLabel = "OUT", required = true, description = "a new (or empty) folder for the class's results")
        Path out;

        @Option(names = "--allow-partial", description = "merge the shards given even if some are missing or stopped part way, and"
                + " list the students left out")
        boolean allowPartial;

        @Override
        public Integer call() throws Exception {
            Path target = out.toAbsolutePath().normalize();
            for (Path shardOut : shardOutputs) {
                if (shardOut.toAbsolutePath().normalize().equals(target)) {
                    throw new UsageError("--out " + out + " is one of the shards to merge; choose a new folder");
                }
            }
            if (Files.exists(out) && !isEmptyFolder(out)) {
                throw new UsageError(out + " already exists and is not an empty folder; choose a new one");
            }
            ShardMerger.Merged merged;
            try {
                merged = ShardMerger.merge(shardOutputs, out, allowPartial);
            } catch (ShardMerger.Refused refused) {
                throw new UsageError("cannot merge: " + refused.getMessage());
            }
            writeSummaries(out, merged.summary());
            PrintWriter console = spec.commandLine().getOut();
            console.printf("Merged %d of %d shards: %d students%n", merged.shards().size(), merged.shardCount(), merged.summary().studentCount());
            if (!merged.complete()) {
                console.println("PARTIAL: " + ShardMerger.whatIsMissing(merged.shardCount(), merged.missingShards(), merged.missingStudents()));
            }
            console.printf("Wrote %s, summary.txt and summary.html and a folder per student in %s%n", BatchGrader.GRADEBOOK_FILE, out);
            return EXIT_OK;
        }
    }

    private static boolean isEmptyFolder(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (var entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    @Command(name = "export-template", mixinStandardHelpOptions = true,
            description = {"Writes the repository a student receives into OUT: the exercises (stubs, public tests, instructions)"
                    + " as a standalone Maven build with the wrapper, and a GitHub Actions workflow that runs the public tests on"
                    + " every push and pull request. No solutions, hidden tests or faulty variants."})
    static final class ExportTemplate implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "OUT", description = "a new (or empty) folder for the template")
        Path out;

        @CommandLine.Mixin
        CourseOption course;

        @Override
        public Integer call() throws Exception {
            Path root = course.root();
            if (Files.exists(out) && !isEmptyFolder(out)) {
                throw new UsageError(out + " already exists and is not an empty folder; choose a new one");
            }
            new TemplateExporter(root).export(out);
            spec.commandLine().getOut().printf("Wrote the student template to %s (try: cd %s && ./mvnw test)%n", out, out);
            return EXIT_OK;
        }
    }

    @Command(name = "package", mixinStandardHelpOptions = true, description = "Bundles the grader for a course platform.",
            subcommands = {Gradelock.PackageGradescope.class})
    static final class Package implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new UsageError("package needs a platform: gradelock package gradescope --out FILE.zip");
        }
    }

    @Command(name = "gradescope", mixinStandardHelpOptions = true,
            description = {"Writes a Gradescope autograder bundle (upload it as the assignment's autograder): setup.sh installs a"
                    + " JDK 21, run_autograder grades /autograder/submission with the public and hidden tests of the assignment's"
                    + " exercises (--exercise; all by default) and writes /autograder/results/results.json, also when grading fails.",
                    "Gradescope's defaults: a 600 s timeout, half a CPU, 768 MB. Grading ends at --deadline, below that timeout;"
                            + " raise both together in the assignment's autograder settings and here."})
    static final class PackageGradescope implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE.zip", required = true, description = "the bundle to write")
        Path out;

        @Option(names = "--exercise", paramLabel = "ID", description = "an exercise of this assignment (repeatable): only these are"
                + " graded, and results.json's total is theirs; default: all")
        List<String> exercises = new ArrayList<>();

        @Option(names = "--deadline", paramLabel = "SECONDS", description = "end each grading SECONDS after it began, reporting what"
                + " is not done as not_run with why (default: ${DEFAULT-VALUE}, a minute under Gradescope's default timeout of 600 s;"
                + " keep it a minute under the assignment's timeout)")
        int deadline = GradescopePackager.DEFAULT_DEADLINE_SECONDS;

        @Option(names = "--hidden-tests-visibility", paramLabel = "[ID=]VALUE", description = "when students see the hidden tests:"
                + " visible (with their names and explanations; the default), after_due_date, after_published or hidden; VALUE for"
                + " every exercise, ID=VALUE for one (repeatable)")
        List<String> hiddenTestsVisibility = new ArrayList<>();

        @CommandLine.Mixin
        CourseOption course;

        @Override
        public Integer call() throws Exception {
            Path root = course.root();
            if (deadline < 1) {
                throw new UsageError("--deadline must be at least 1 second, but was " + deadline);
            }
            ExerciseCatalog catalog = knownCatalog(exercises);
            hiddenTestsVisibility(hiddenTestsVisibility, catalog, exercises);
            Path target = out.toAbsolutePath();
            if (!Files.isDirectory(target.getParent())) {
                throw new UsageError("no such folder for the bundle: " + target.getParent());
            }
            GradescopePackager.Assignment assignment = new GradescopePackager.Assignment(exercises, deadline, hiddenTestsVisibility);
            new GradescopePackager(root, GradescopePackager.thisClassPath(), assignment).write(target);
            spec.commandLine().getOut().printf("Wrote the Gradescope autograder %s (%d kB) grading %s, with a deadline of %d s%n", out,
                    Files.size(target) / 1024, exercises.isEmpty() ? "every exercise" : String.join(", ", assignment.exercises()), deadline);
            return EXIT_OK;
        }
    }

    /** {@code --course DIR}, for the commands that read the course repository rather than a submission. */
    static final class CourseOption {

        @Option(names = "--course", paramLabel = "DIR", description = "the course repository (default: the current folder)")
        Path course = Path.of("");

        /** The course repository, or a usage error if {@code --course} names none. */
        Path root() {
            Path root = course.toAbsolutePath().normalize();
            if (!Files.isDirectory(root.resolve("solutions")) || !Files.isDirectory(root.resolve("exercises"))) {
                throw new UsageError("no course repository at " + root + " (it has no solutions/ and exercises/ folders);"
                        + " run from the course's root or pass --course DIR");
            }
            return root;
        }
    }

    /**
     * The hidden tests' visibility on Gradescope that {@code settings} choose, or a usage error naming what is wrong: a value
     * that is not Gradescope's, or an exercise that is unknown or not among the {@code graded} ones (when some are named).
     */
    static HiddenTestsVisibility hiddenTestsVisibility(List<String> settings, ExerciseCatalog catalog, List<String> graded) {
        HiddenTestsVisibility visibility;
        try {
            visibility = HiddenTestsVisibility.parse(settings);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--hidden-tests-visibility: " + e.getMessage());
        }
        for (String id : visibility.byExercise().keySet()) {
            if (catalog.find(id).isEmpty()) {
                throw new UsageError("--hidden-tests-visibility: unknown exercise '" + id + "' (known: " + String.join(", ", catalog.ids()) + ")");
            }
            if (!graded.isEmpty() && !graded.contains(id)) {
                throw new UsageError("--hidden-tests-visibility names " + id + ", which is not graded here (--exercise "
                        + String.join(", ", graded) + ")");
            }
        }
        return visibility;
    }

    /** The exercises on the class path, after checking that every id asked for is one of them. */
    static ExerciseCatalog knownCatalog(List<String> exerciseIds) {
        ExerciseCatalog catalog = ExerciseCatalog.fromClassPath(Gradelock.class.getClassLoader());
        if (catalog.all().isEmpty()) {
            throw new IllegalStateException("no exercises are on the class path; build the course with ./mvnw package");
        }
        for (String id : exerciseIds) {
            if (catalog.find(id).isEmpty()) {
                throw new UsageError("unknown exercise '" + id + "' (known: " + String.join(", ", catalog.ids()) + ")");
            }
        }
        return catalog;
    }
}
