package gradelock.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file whole or not at all: to a temporary name beside it, then moved into place. The file gets the mode any
 * new file gets under the process's umask (0644 under 022, 0664 under 002), so that a results folder shared with the
 * course staff's group stays readable to them; {@code Files.createTempFile} would make it 0600 whatever the umask.
 */
public final class AtomicFiles {

    private static final int NAME_ATTEMPTS = 100;

    private AtomicFiles() {
    }

    public static void write(Path file, String content) {
        Path target = file.toAbsolutePath();
        Path partial = null;
        try {
            Files.createDirectories(target.getParent());
            partial = writePartial(target, content.getBytes(StandardCharsets.UTF_8));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code bytes} to a new file with a name of its own beside {@code target}. {@code CREATE_NEW} makes a plain
     * new file (so the umask alone decides its mode), and never writes through a file or link that is already there.
     */
    private static Path writePartial(Path target, byte[] bytes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path partial = target.resolveSibling("." + target.getFileName() + "." + suffix + ".partial");
            try {
                return Files.write(partial, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == NAME_ATTEMPTS) {
                    throw new IOException("no free temporary name beside it after " + NAME_ATTEMPTS + " attempts", taken);
                }
            } catch (IOException e) {
                deleteQuietly(partial); // created, then the writing failed (a full disk, say)
                throw e;
            }
        }
    }

    private static void deleteQuietly(Path partial) {
        if (partial == null) {
            return;
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // the write has already failed, and that is what the caller hears of
        }
    }
}
