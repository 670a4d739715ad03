package gradelock.cli;

import static gradelock.cli.Course.gradelock;
import static org.assertj.core.api.Assertions.assertThat;

import gradelock.cli.Course.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradelock validate} as an instructor meets it, on small courses built in a temporary folder from
 * bounded-buffer's own sources: one where everything holds, one where an "alternative" is wrong and the faulty
 * variants' expected.json files are missing or wrong.
 */
class ValidateCommandTests {

    private static final String EXERCISE = "bounded-buffer";
    private static final Path SOLUTION = Course.solution(EXERCISE);
    /** Caught by one hidden test with `failed` in about 3 s: the quickest faulty variant to grade. */
    private static final String QUICK_BUG = "capacity-off-by-one";

    @TempDir
    Path course;

    @Test
    void aFolderThatIsNotACourseIsAUsageErrorOnOneLine() {
        Run run = gradelock("validate", "--course", course.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("gradelock: no course repository at").doesNotContain("\n");
    }

    @Test
    void fewerThanOneRunIsAUsageError() {
        Run run = gradelock("validate", "--runs", "0", "--course", Course.ROOT.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("gradelock: --runs must be at least 1, but was 0");
    }

    @Test
    void fewerThanOneJobOrQuickWithFullIsAUsageError() {
        Run noJobs = gradelock("validate", "--jobs", "0", "--course", Course.ROOT.toString());
        assertThat(noJobs.status()).isEqualTo(2);
        assertThat(noJobs.err().strip()).isEqualTo("gradelock: --jobs must be at least 1, but was 0");
        Run both = gradelock("validate", "--quick", "--full", "--course", Course.ROOT.toString());
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err().strip()).isEqualTo("gradelock: --quick and --full exclude each other: choose one");
    }

    @Test
    void anUnknownExerciseIsAUsageError() {
        Run run = gradelock("validate", "--exercise", "no-such-exercise", "--course", Course.ROOT.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).contains("unknown exercise 'no-such-exercise'").doesNotContain("\n");
    }

    @Test
    void aCourseWhoseVariantsAllHoldPassesEveryRunAndPrintsItsKillMatrix() {
        Course.copyTree(SOLUTION.resolve("src/main/java"), course.resolve("solutions").resolve(EXERCISE).resolve("src/main/java"));
        Course.copyTree(Course.ROOT.resolve("exercises").resolve(EXERCISE).resolve("src"), course.resolve("exercises").resolve(EXERCISE).resolve("src"));
        Course.copyTree(SOLUTION.resolve("faulty").resolve(QUICK_BUG), course.resolve("solutions").resolve(EXERCISE).resolve("faulty").resolve(QUICK_BUG));

        Run run = gradelock("validate", "--runs", "2", "--exercise", EXERCISE, "--course", course.toString());

        assertThat(run.status()).as("exit status; output:%n%s%s", run.out(), run.err()).isZero();
        assertThat(run.out())
                .contains("bounded-buffer/reference", "holds (2 runs,", "bounded-buffer/faulty/" + QUICK_BUG)
                .contains("bounded-buffer: which test catches which variant (2 runs each)")
                .containsPattern("BoundedBufferHiddenTests\\.holdsExactlyCapacityItems +\\. +E +F\\*")
                .contains("Validated 3 variants, 2 runs each, in", "every one holds");
        // the faulty variant's first run had every test, so every row of the kill matrix has its cell
        assertThat(run.out().lines().filter(line -> line.startsWith("  Bounded")))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row).as("a row of the kill matrix").doesNotEndWith("-"));
    }

    @Test
    void aWrongAlternativeAndMissingOrWrongExpectationsFallShortWithReasons() throws IOException {
        Path solution = course.resolve("solutions").resolve(EXERCISE);
        Course.copyTree(SOLUTION.resolve("src/main/java"), solution.resolve("src/main/java"));
        Course.copyTree(Course.ROOT.resolve("exercises").resolve(EXERCISE).resolve("src"), course.resolve("exercises").resolve(EXERCISE).resolve("src"));
        Path bug = SOLUTION.resolve("faulty").resolve(QUICK_BUG);
        Course.copyTree(bug.resolve("boundedbuffer"), solution.resolve("alternatives/not-really-correct/boundedbuffer"));
        Course.copyTree(bug.resolve("boundedbuffer"), solution.resolve("faulty/without-expectations/boundedbuffer"));
        Course.copyTree(bug.resolve("boundedbuffer"), solution.resolve("faulty/wrong-verdict/boundedbuffer"));
        Files.writeString(solution.resolve("faulty/wrong-verdict/expected.json"), """
                { "bug": "capacity off by one, said to deadlock",
                  "expect": [ { "test": "BoundedBufferHiddenTests.holdsExactlyCapacityItems", "verdict": "deadlock" } ] }
                """);

        Run run = gradelock("validate", "--runs", "1", "--exercise", EXERCISE, "--course", course.toString());

        assertThat(run.status()).as("exit status; output:%n%s%s", run.out(), run.err()).isEqualTo(3);
        assertThat(run.out())
                .contains("bounded-buffer/alternatives/not-really-correct", "FALLS SHORT")
                .contains("BoundedBufferHiddenTests.holdsExactlyCapacityItems gave failed instead of passing")
                .contains("bounded-buffer/faulty/without-expectations", "it has no expected.json")
                .contains("BoundedBufferHiddenTests.holdsExactlyCapacityItems caught it with failed instead of deadlock")
                .contains("3 fall short");
    }
}
