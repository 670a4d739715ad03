package gradelock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.Grader;
import gradelock.grader.catalog.ExerciseCatalog;
import gradelock.grader.execute.ForkOptions;
import gradelock.grader.model.GradingResult;
import gradelock.grader.report.GradingObserver;
import gradelock.grader.validate.CourseVariants;
import gradelock.grader.validate.ValidationObserver;
import gradelock.grader.validate.ValidationReport;
import gradelock.grader.validate.Validator;
import gradelock.grader.validate.Variant;
import gradelock.grader.validate.VariantResult;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** The course repository these tests run in, and a grader over its exercises. */
final class Course {

    static final Path ROOT = findRoot();
    static final ExerciseCatalog CATALOG = ExerciseCatalog.fromClassPath(Course.class.getClassLoader());
    private static final ObjectMapper JSON = new ObjectMapper();

    private Course() {
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("exercises")) && Files.isDirectory(dir.resolve("solutions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the course repository: " + Path.of("").toAbsolutePath());
    }

    static GradingResult grade(Path submission, String... exerciseIds) {
        try {
            return new Grader(CATALOG, ForkOptions.likeThisJvm()).withExercisesAtOnce(Grader.defaultExercisesAtOnce())
                    .grade(submission, List.of(exerciseIds), new GradingObserver() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every variant of every exercise (reference, alternatives, stub, faulty), graded once each by {@code validate}'s
     * own machinery, faulty variants only on the tests their expected.json names (as {@code validate --quick}), as many
     * at once as {@code validate} grades by default; computed on first use and shared, so that the tests of alternatives and faulty variants grade nothing twice.
     */
    static ValidationReport validation() {
        return Validation.REPORT;
    }

    private static final class Validation {
        static final ValidationReport REPORT = new Validator(new Grader(CATALOG, ForkOptions.likeThisJvm()), Validator.Scope.NAMED_TESTS_FOR_FAULTY_VARIANTS,
                Validator.defaultJobs())
                .validate(CATALOG.ids().stream().flatMap(id -> CourseVariants.of(ROOT, id).stream()).toList(), 1, new ValidationObserver() { });
    }

    /** The validation of one variant, where {@code kind} and {@code variant} are as {@link #variants} takes and gives them. */
    static VariantResult validation(String kind, String variant) {
        Variant.Kind wanted = switch (kind) {
            case "alternatives" -> Variant.Kind.ALTERNATIVE;
            case "faulty" -> Variant.Kind.FAULTY;
            default -> throw new IllegalArgumentException("no variants of kind " + kind);
        };
        String exerciseId = exerciseOf(variant);
        String name = variant.substring(variant.indexOf('/') + 1);
        return validation().variants().stream()
                .filter(r -> r.variant().kind() == wanted && r.variant().exerciseId().equals(exerciseId) && r.variant().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("validate found no " + kind + " variant " + variant));
    }

    static Path solution(String exerciseId) {
        return ROOT.resolve("solutions").resolve(exerciseId);
    }

    /** Every {@code solutions/<id>/<kind>/<name>} folder, as {@code <id>/<name>}. */
    static Stream<String> variants(String kind) {
        return CATALOG.ids().stream().flatMap(id -> subfolders(solution(id).resolve(kind)).map(name -> id + "/" + name));
    }

    /** The id of the exercise a {@link #variants} entry belongs to. */
    static String exerciseOf(String variant) {
        return variant.substring(0, variant.indexOf('/'));
    }

    /** The folder of a {@link #variants} entry. */
    static Path variantFolder(String kind, String variant) {
        return solution(exerciseOf(variant)).resolve(kind).resolve(variant.substring(variant.indexOf('/') + 1));
    }

    static Stream<String> subfolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T readJson(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Copies the tree at {@code from} into {@code to}, replacing files that are there already. */
    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The annotations that make a method a test of JUnit Jupiter's, by simple name. */
    private static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "RepeatedTest", "ParameterizedTest", "TestFactory", "TestTemplate");

    /**
     * The display name of every test method in a test class's source, by method name, in the order the source has them:
     * its {@code @DisplayName}, or JUnit's default ({@code method()}) where it has none. Read from the source a student
     * reads, parsed by javac (nothing is compiled, so the stub the tests call need not be there).
     */
    static Map<String, String> displayNamesOfTests(Path testSource) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of(), null, files.getJavaFileObjects(testSource));
            Map<String, String> names = new LinkedHashMap<>();
            for (CompilationUnitTree unit : task.parse()) {
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        List<? extends AnnotationTree> annotations = method.getModifiers().getAnnotations();
                        if (annotations.stream().anyMatch(annotation -> TEST_ANNOTATIONS.contains(simpleName(annotation)))) {
                            names.put(method.getName().toString(), annotations.stream()
                                    .filter(annotation -> simpleName(annotation).equals("DisplayName")).findFirst()
                                    .map(annotation -> stringValue(annotation, testSource)).orElse(method.getName() + "()"));
                        }
                        return super.visitMethod(method, unused);
                    }
                }.scan(unit, null);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String simpleName(AnnotationTree annotation) {
        String name = annotation.getAnnotationType().toString();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The string of a one-argument annotation such as {@code @DisplayName("3.1 ...")}. */
    private static String stringValue(AnnotationTree annotation, Path source) {
        ExpressionTree argument = annotation.getArguments().getFirst();
        if (argument instanceof AssignmentTree assignment) {
            argument = assignment.getExpression();
        }
        if (argument instanceof LiteralTree literal && literal.getValue() instanceof String value) {
            return value;
        }
        throw new AssertionError("expected a string literal as the argument of " + annotation + " in " + source + ", found " + argument);
    }

    /**
     * Waits up to {@code minutes} for {@code process}; past them, kills it and everything it started (a grader's test
     * JVMs, a Maven build's forks), so that a test that gives up leaves nothing running.
     *
     * @return whether it finished in time
     */
    static boolean finishedWithin(Process process, long minutes) throws InterruptedException {
        if (process.waitFor(minutes, TimeUnit.MINUTES)) {
            return true;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return false;
    }

    /** What a command of the CLI returned and printed. */
    record Run(int status, String out, String err) {
    }

    /** Runs the CLI in this JVM as {@code ./gradelock args...} would. */
    static Run gradelock(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Gradelock.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }
}
