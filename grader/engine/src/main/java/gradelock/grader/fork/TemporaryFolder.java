package gradelock.grader.fork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The temporary folder the grader gives this test JVM ({@code java.io.tmpdir}, inside the grading's own folder). */
final class TemporaryFolder {

    private TemporaryFolder() {
    }

    /** Bytes of the files under it now; files that vanish while it is walked count for nothing. */
    static long bytesUsed() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        long[] total = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
        return total[0];
    }
}
