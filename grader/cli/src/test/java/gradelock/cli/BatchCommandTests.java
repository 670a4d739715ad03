package gradelock.cli;

import static gradelock.cli.Course.gradelock;
import static org.assertj.core.api.Assertions.assertThat;

import gradelock.cli.Course.Run;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradelock batch} on small classes: a correct student, a buggy one, and a .zip that is not one; a class that
 * submitted only one exercise; and the modes of what batch writes.
 */
class BatchCommandTests {

    private static final String EXERCISE = "bounded-buffer";
    private static final Path SOLUTION = Course.solution(EXERCISE);
    private static final Path STUB = Course.ROOT.resolve("exercises").resolve(EXERCISE).resolve("src/main/java/boundedbuffer/BoundedBuffer.java");

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

    @Test
    void aClassThatSubmittedOnlyOneExerciseIsSummarisedOutOfItsPointsWithEveryStudentLinkedToTheirReports() throws IOException {
        Path classDir = Files.createDirectories(tmp.resolve("class"));
        Files.createDirectories(classDir.resolve("ada/boundedbuffer"));
        Files.copy(SOLUTION.resolve("src/main/java/boundedbuffer/BoundedBuffer.java"), classDir.resolve("ada/boundedbuffer/BoundedBuffer.java"));
        Files.createDirectories(classDir.resolve("bob"));
        Files.copy(STUB, classDir.resolve("bob/BoundedBuffer.java"));
        Path out = tmp.resolve("out");

        // no --exercise: every exercise is graded, and the four nobody submitted are missing for everyone
        Run run = gradelock("batch", classDir.toString(), "--out", out.toString(), "--jobs", "2");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("ada: 45/45 (4 exercises not submitted)", "bob: 0/45 (4 exercises not submitted)",
                "Scores are out of 45: the exercises the class submitted (bounded-buffer); not counted, as no student submitted them: ");
        String summary = Files.readString(out.resolve("summary.txt"));
        assertThat(summary).as("summary.txt").contains("Scores (out of 45):", "bounded-buffer (out of 45, submitted by 2 of 2):",
                        "    45/45  100%  ada  ada/report.txt", "     0/45    0%  bob  bob/report.txt")
                .containsPattern("(?m)^ +90-100% #+ +1$").containsPattern("(?m)^ +0-9% #+ +1$").containsPattern("(?m)^ +10-19% +0$");
        String html = Files.readString(out.resolve("summary.html"));
        assertThat(html.split("<svg class=\"histogram\"", -1)).as("summary.html cut at each histogram: the class's, then bounded-buffer's")
                .hasSize(3);
        assertThat(html).contains("Scores (out of 45)", "<h3 id=\"exercise-bounded-buffer\">bounded-buffer (out of 45, submitted by 2 of 2)</h3>",
                "<td>ada</td><td class=\"points\">45/45</td><td class=\"points\">100%</td>", "<td>bob</td><td class=\"points\">0/45</td>");

        // the links are relative: they still lead to the reports once the whole folder has moved
        Path moved = Files.move(out, tmp.resolve("served"));
        List<String> links = Pattern.compile("<a href=\"([^\"]+)\"").matcher(html).results().map(link -> link.group(1)).toList();
        assertThat(links).as("the links of summary.html").contains("ada/report.html", "ada/report.txt", "ada/result.json", "bob/report.html");
        for (String link : links) {
            assertThat(Path.of(moved.resolve("summary.html").toUri().resolve(link))).as("where the link %s of the moved summary.html leads", link)
                    .isRegularFile();
        }
        assertThat(Path.of(moved.resolve("summary.html").toUri().resolve("ada/report.html"))).content().contains("<h2>bounded-buffer: 45/45</h2>");
    }

    @Test
    void everyFileAndFolderBatchWritesGetsTheModeOfAPlainNewOneUnderTheUmask() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "the default file system has no POSIX modes, so there is no umask to honour");
        Path classDir = Files.createDirectories(tmp.resolve("class"));
        Files.createDirectories(classDir.resolve("bob"));
        Files.copy(STUB, classDir.resolve("bob/BoundedBuffer.java"));
        Files.writeString(classDir.resolve("cyd.zip"), "this is not a zip file");
        Path out = tmp.resolve("out");

        Run run = gradelock("batch", classDir.toString(), "--out", out.toString(), "--exercise", EXERCISE, "--jobs", "2");

        assertThat(run.status()).as(run.err()).isZero();
        String plainFile = mode(Files.createFile(tmp.resolve("plain-file")));
        String plainFolder = mode(Files.createDirectory(tmp.resolve("plain-folder")));
        List<Path> written;
        try (Stream<Path> walk = Files.walk(out)) {
            written = walk.toList();
        }
        assertThat(written.stream().map(path -> out.relativize(path).toString().replace('\\', '/')))
                .as("what batch wrote").contains("gradebook.csv", "summary.txt", "summary.html", "bob", "bob/report.txt", "bob/report.html",
                        "bob/result.json", "cyd", "cyd/failure.txt");
        for (Path path : written) {
            boolean folder = Files.isDirectory(path);
            assertThat(mode(path)).as("the mode of %s, beside a plain new %s of mode %s", out.relativize(path), folder ? "folder" : "file",
                    folder ? plainFolder : plainFile).isEqualTo(folder ? plainFolder : plainFile);
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
