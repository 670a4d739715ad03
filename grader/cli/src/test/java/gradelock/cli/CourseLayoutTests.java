package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape every exercise and solution folder must have, and the rule the course cannot break: nothing
 * of the hidden tests, the solutions or the faulty variants appears where students look.
 */
class CourseLayoutTests {

    /** A public test's display name: its number (task, then test) and what it checks, as in "3.1 take() on an empty buffer waits". */
    private static final Pattern TEST_NUMBER = Pattern.compile("((\\d+)\\.\\d+) \\S.*");
    /** An item of the numbered list of tasks in an exercise's README. */
    private static final Pattern TASK = Pattern.compile("(\\d+)\\. \\*\\*");

    static Stream<ExerciseSpec> exercises() {
        return Course.CATALOG.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void everyExerciseFolderHasTheSameShape(ExerciseSpec exercise) {
        Path folder = Course.ROOT.resolve("exercises").resolve(exercise.id());
        assertThat(folder.resolve("README.md")).as("instructions").isRegularFile();
        assertThat(folder.resolve("pom.xml")).isRegularFile();
        Path packageDir = folder.resolve("src/main/java").resolve(exercise.packageName().replace('.', '/'));
        exercise.classes().forEach(name -> assertThat(packageDir.resolve(name + ".java")).as("stub of " + name).isRegularFile());
        exercise.publicTests().forEach(name -> assertThat(folder.resolve("src/test/java").resolve(name.replace('.', '/') + ".java"))
                .as("public test " + name).isRegularFile());
        assertThat(exercise.id()).as("exercise ids are kebab-case").matches("[a-z]+(-[a-z]+)*");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void everyPublicTestIsNumberedAfterATaskOfItsReadme(ExerciseSpec exercise) {
        // The README promises "test 3.1 belongs to task 3": the number leads the display name that Surefire, the IDE and
        // the workflow's summary show.
        Path folder = Course.ROOT.resolve("exercises").resolve(exercise.id());
        Set<Integer> tasks = taskNumbers(folder.resolve("README.md"));
        assertThat(tasks).as("numbered tasks under \"## Your tasks\" in the README of %s", exercise.id()).isNotEmpty();
        Set<String> numbers = new TreeSet<>();
        for (String testClass : exercise.publicTests()) {
            Map<String, String> displayNames = Course.displayNamesOfTests(folder.resolve("src/test/java").resolve(testClass.replace('.', '/') + ".java"));
            assertThat(displayNames).as("tests of the public test class %s", testClass).isNotEmpty();
            displayNames.forEach((method, displayName) -> {
                Matcher number = TEST_NUMBER.matcher(displayName);
                assertThat(number.matches()).as("the display name of %s.%s, \"%s\", begins with the number of its task and test (\"3.1 ...\")",
                        testClass, method, displayName).isTrue();
                assertThat(tasks).as("tasks of the README of %s, for the test %s.%s numbered %s", exercise.id(), testClass, method, number.group(1))
                        .contains(Integer.parseInt(number.group(2)));
                assertThat(numbers.add(number.group(1))).as("the number %s of %s.%s is given to no other test of %s",
                        number.group(1), testClass, method, exercise.id()).isTrue();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void everySolutionFolderHasTheSameShape(ExerciseSpec exercise) {
        Path folder = Course.solution(exercise.id());
        assertThat(folder.resolve("exercise.json")).isRegularFile();
        assertThat(folder.resolve("DESIGN.md")).as("design notes").isRegularFile();
        Path packageDir = folder.resolve("src/main/java").resolve(exercise.packageName().replace('.', '/'));
        exercise.classes().forEach(name -> assertThat(packageDir.resolve(name + ".java")).as("reference " + name).isRegularFile());
        exercise.hiddenTests().forEach(name -> assertThat(folder.resolve("src/test/java").resolve(name.replace('.', '/') + ".java"))
                .as("hidden test " + name).isRegularFile());
        assertThat(Course.subfolders(folder.resolve("faulty"))).as("faulty variants").isNotEmpty();
        assertThat(Course.subfolders(folder.resolve("alternatives"))).as("correct alternatives").isNotEmpty();
        Stream.concat(Course.subfolders(folder.resolve("faulty")).map(v -> folder.resolve("faulty").resolve(v)),
                        Course.subfolders(folder.resolve("alternatives")).map(v -> folder.resolve("alternatives").resolve(v)))
                .forEach(variant -> exercise.classes().forEach(name -> assertThat(
                        variant.resolve(exercise.packageName().replace('.', '/')).resolve(name + ".java")).isRegularFile()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void nothingHiddenAppearsWhereStudentsLook(ExerciseSpec exercise) {
        List<Path> studentFiles = filesUnder(Course.ROOT.resolve("exercises"));
        assertThat(studentFiles).isNotEmpty();
        for (String hidden : exercise.hiddenTests()) {
            String simpleName = hidden.substring(hidden.lastIndexOf('.') + 1);
            for (Path file : studentFiles) {
                assertThat(file.getFileName().toString()).as("a file under exercises/").doesNotStartWith(simpleName);
                if (isText(file)) {
                    assertThat(read(file)).as("%s must not mention the hidden test %s", Course.ROOT.relativize(file), simpleName)
                            .doesNotContain(simpleName);
                }
            }
        }
        assertThat(studentFiles).as("no faulty variants, alternatives or solutions under exercises/")
                .noneMatch(file -> Course.ROOT.relativize(file).toString().matches(".*/(faulty|alternatives|solutions)/.*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void anExercisesCopyOfDeadlineIsTheTestkitsOwn(ExerciseSpec exercise) {
        // a student's build has no testkit, so public tests that wait for the submission carry a copy of its Deadline
        Path copy = Course.ROOT.resolve("exercises").resolve(exercise.id()).resolve("src/test/java")
                .resolve(exercise.packageName().replace('.', '/')).resolve("Deadline.java");
        if (!Files.exists(copy)) {
            return;
        }
        String original = read(Course.ROOT.resolve("grader/testkit/src/main/java/gradelock/testkit/Deadline.java"));
        String expected = original.replace("package gradelock.testkit;", "package " + exercise.packageName() + ";")
                .replace(" * How long a test waits", " * A copy of {@code gradelock.testkit.Deadline}, which a student's build does not have; the grader's tests"
                        + " keep the two\n * the same.\n *\n * <p>How long a test waits")
                .replace("public record Deadline", "record Deadline");
        assertThat(read(copy)).as("%s, against the testkit's Deadline.java", Course.ROOT.relativize(copy)).isEqualTo(expected);
    }

    /** The numbers of the numbered list under the README's "## Your tasks" heading ("1. **Create the buffer.** ..."). */
    private static Set<Integer> taskNumbers(Path readme) {
        Set<Integer> tasks = new TreeSet<>();
        boolean inTasks = false;
        for (String line : read(readme).lines().toList()) {
            if (line.startsWith("## ")) {
                inTasks = line.equals("## Your tasks");
            } else if (inTasks) {
                Matcher task = TASK.matcher(line);
                if (task.lookingAt()) {
                    tasks.add(Integer.parseInt(task.group(1)));
                }
            }
        }
        return tasks;
    }

    private static List<Path> filesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.toString().contains("/target/")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(".md") || name.endsWith(".xml") || name.endsWith(".json") || name.endsWith(".properties");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
