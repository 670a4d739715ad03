package gradelock.grader.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The grader's own temporary folders. */
public final class TemporaryFolders {

    private TemporaryFolders() {
    }

    /** Deletes {@code root} and all below it, as far as it can: a temporary folder left behind is not worth a failure. */
    public static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // gone already, or unreadable: either way there is nothing more to do
        }
    }
}
