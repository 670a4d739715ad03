package gradelock.grader.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** One student's hand-in in a class folder: a folder or a {@code .zip}, whose name is the student's id. */
public record StudentSubmission(String student, Path path) {

    /** Every student in {@code classDir}, by id; hidden entries and loose files other than {@code .zip} are not students. */
    public static List<StudentSubmission> in(Path classDir) {
        try (Stream<Path> entries = Files.list(classDir)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .filter(entry -> Files.isDirectory(entry) || isZip(entry))
                    .map(entry -> new StudentSubmission(idOf(entry), entry))
                    .sorted(java.util.Comparator.comparing(StudentSubmission::student))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isZip(Path entry) {
        return Files.isRegularFile(entry) && entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static String idOf(Path entry) {
        String name = entry.getFileName().toString();
        return isZip(entry) ? name.substring(0, name.length() - ".zip".length()) : name;
    }
}
