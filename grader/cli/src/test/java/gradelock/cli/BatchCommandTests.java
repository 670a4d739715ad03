package gradelock.cli;

import static gradelock.cli.Course.gradelock;
import static org.assertj.core.api.Assertions.assertThat;

import gradelock.cli.Course.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradelock batch} on a small class: a correct student, a buggy one, and a .zip that is not one. */
class BatchCommandTests {

    private static final String EXERCISE = "bounded-buffer";
    private static final Path SOLUTION = Course.solution(EXERCISE);

    @TempDir
    Path tmp;

    @Test
    void aClassFolderWithoutStudentsIsAUsageError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("class"));
        Run run = gradelock("batch", empty.toString(), "--out", tmp.resolve("out").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("gradelock: no students in").doesNotContain("\n");
    }

    @Test
    void fewerThanOneJobIsAUsageError() throws IOException {
        Files.createDirectories(tmp.resolve("class/ada"));
        Run run = gradelock("batch", tmp.resolve("class").toString(), "--out", tmp.resolve("out").toString(), "--jobs", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("gradelock: --jobs must be at least 1, but was 0");
    }

    @Test
    void gradesEveryStudentRecordsTheOneItCannotGradeAndSkipsTheGradedOnARerun() throws IOException {
        Path classDir = Files.createDirectories(tmp.resolve("class"));
        Files.createDirectories(classDir.resolve("ada/boundedbuffer"));
        Files.copy(SOLUTION.resolve("src/main/java/boundedbuffer/BoundedBuffer.java"), classDir.resolve("ada/boundedbuffer/BoundedBuffer.java"));
        Files.createDirectories(classDir.resolve("bob"));
        Files.copy(SOLUTION.resolve("faulty/capacity-off-by-one/boundedbuffer/BoundedBuffer.java"), classDir.resolve("bob/BoundedBuffer.java"));
        Files.writeString(classDir.resolve("cyd.zip"), "this is not a zip file");
        Path out = tmp.resolve("out");

        Run first = gradelock("batch", classDir.toString(), "--out", out.toString(), "--exercise", EXERCISE, "--jobs", "1");

        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("3 students: 3 to grade", "ada: 45/45", "cyd: NOT GRADED: ", "not a readable .zip file")
                .contains("Class summary: 3 students, 2 graded, 1 not graded", "BoundedBufferHiddenTests.holdsExactlyCapacityItems: 1 failed");
        List<String> gradebook = Files.readAllLines(out.resolve("gradebook.csv"));
        assertThat(gradebook.get(0)).isEqualTo("student,bounded-buffer,total,note");
        assertThat(gradebook.get(1)).isEqualTo("ada,45,45,");
        assertThat(gradebook.get(2)).matches("bob,(\\d+),\\1,").isNotEqualTo("bob,45,45,");
        assertThat(gradebook.get(3)).startsWith("cyd,,,").contains("not graded: ", "not a readable .zip file");
        assertThat(out.resolve("ada/result.json")).exists();
        assertThat(out.resolve("ada/report.txt")).content().contains("Total: 45/45");
        assertThat(out.resolve("ada/report.html")).content().contains("<h1 id=\"total\">gradelock: 45/45</h1>", "<svg class=\"bar\"");
        assertThat(out.resolve("bob/result.json")).exists();
        assertThat(out.resolve("cyd/failure.txt")).content().contains("not a readable .zip file");
        assertThat(out.resolve("cyd/result.json")).doesNotExist();
        assertThat(out.resolve("summary.txt")).content().contains("2 graded, 1 not graded");
        assertThat(out.resolve("summary.html")).content().contains("2 graded, 1 not graded", "<svg class=\"histogram\"");

        Run again = gradelock("batch", classDir.toString(), "--out", out.toString(), "--exercise", EXERCISE, "--jobs", "1");

        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("3 students: 1 to grade", "2 graded before (--force to grade them again)", "cyd: NOT GRADED: ")
                .doesNotContain("ada: 45/45");
        assertThat(Files.readAllLines(out.resolve("gradebook.csv"))).containsExactlyElementsOf(gradebook);
    }
}
