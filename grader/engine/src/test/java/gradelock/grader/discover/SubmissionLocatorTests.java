package gradelock.grader.discover;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionLocatorTests {

    private static final ExerciseSpec BUFFER = new ExerciseSpec("bounded-buffer", "Bounded buffer", "boundedbuffer",
            List.of("BoundedBuffer"), List.of("boundedbuffer.BoundedBufferTests"), List.of(), 10, 60, 10);

    @TempDir
    Path tmp;

    private Path write(String relative, String text) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void findsAnExerciseByPackageAndClassWhereverItsFilesSit() throws IOException {
        Path buffer = write("my copy/bounded-buffer/src/main/java/boundedbuffer/BoundedBuffer.java",
                "/* package notthis; */\npackage boundedbuffer;\npublic final class BoundedBuffer<T> {}\n");
        Path helper = write("my copy/bounded-buffer/src/main/java/boundedbuffer/Node.java", "package boundedbuffer; final class Node {}");

        Map<String, SubmissionSources> found = SubmissionLocator.locate(tmp, List.of(BUFFER), tmp);

        assertThat(found).containsOnlyKeys("bounded-buffer");
        assertThat(found.get("bounded-buffer").files()).containsExactly(buffer, helper);
        assertThat(found.get("bounded-buffer").relativeName(buffer)).isEqualTo("my copy/bounded-buffer/src/main/java/boundedbuffer/BoundedBuffer.java");
    }

    @Test
    void ignoresTestSourcesBuildOutputAndTheInstructorsVariants() throws IOException {
        write("src/test/java/boundedbuffer/BoundedBuffer.java", "package boundedbuffer; class BoundedBuffer {}");
        write("faulty/lifo/boundedbuffer/BoundedBuffer.java", "package boundedbuffer; class BoundedBuffer {}");
        write("alternatives/semaphores/boundedbuffer/BoundedBuffer.java", "package boundedbuffer; class BoundedBuffer {}");
        write("target/classes/boundedbuffer/BoundedBuffer.java", "package boundedbuffer; class BoundedBuffer {}");

        assertThat(SubmissionLocator.locate(tmp, List.of(BUFFER), tmp)).isEmpty();
    }

    @Test
    void anExerciseWithoutAllItsClassesIsNotFound() throws IOException {
        write("boundedbuffer/Buffer.java", "package boundedbuffer; class Buffer {}");

        assertThat(SubmissionLocator.locate(tmp, List.of(BUFFER), tmp)).isEmpty();
    }

    @Test
    void unpacksAZipAndIgnoresEntriesThatClimbOutOfIt() throws IOException {
        Path zip = tmp.resolve("submission.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("BoundedBuffer.java"));
            entries.write("package boundedbuffer; public final class BoundedBuffer<T> {}".getBytes());
            entries.putNextEntry(new ZipEntry("../escaped.java"));
            entries.write("package boundedbuffer; class Escaped {}".getBytes());
        }
        Path scratch = Files.createDirectory(tmp.resolve("scratch"));

        Map<String, SubmissionSources> found = SubmissionLocator.locate(zip, List.of(BUFFER), scratch);

        assertThat(found.get("bounded-buffer").files()).singleElement().satisfies(file -> assertThat(file).startsWith(scratch));
        assertThat(tmp.resolve("escaped.java")).doesNotExist();
    }
}
