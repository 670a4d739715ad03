package gradelock.grader.discover;

import gradelock.grader.model.ExerciseSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Finds each exercise's sources in what a student handed in: a copy of {@code exercises/}, one exercise
 * folder, or a folder or {@code .zip} of loose {@code .java} files. Sources are matched by their package
 * and class names, not by where they sit, so any layout works.
 */
public final class SubmissionLocator {

    /** Folders that never hold a submission's own code: build output, tests, and the instructors' variants. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "build", "out", "node_modules", "faulty", "alternatives", "adversarial");

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private SubmissionLocator() {
    }

    /**
     * The sources of every given exercise that {@code submission} contains, keyed by exercise id; an
     * exercise whose classes are not all there is absent from the map.
     *
     * @param scratch where a {@code .zip} is unpacked
     */
    public static Map<String, SubmissionSources> locate(Path submission, List<ExerciseSpec> exercises, Path scratch)
            throws IOException {
        Path root = isZip(submission) ? unzip(submission, scratch) : submission;
        Map<String, List<Path>> filesByPackage = javaFilesByPackage(root);
        Map<String, SubmissionSources> found = new LinkedHashMap<>();
        for (ExerciseSpec exercise : exercises) {
            sourcesOf(exercise, filesByPackage.getOrDefault(exercise.packageName(), List.of()), root)
                    .ifPresent(sources -> found.put(exercise.id(), sources));
        }
        return found;
    }

    public static boolean isZip(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase().endsWith(".zip");
    }

    private static Optional<SubmissionSources> sourcesOf(ExerciseSpec exercise, List<Path> packageFiles, Path root) {
        Set<String> declared = new java.util.HashSet<>();
        for (Path file : packageFiles) {
            declared.add(file.getFileName().toString().replaceFirst("\\.java$", ""));
        }
        if (packageFiles.isEmpty() || !declared.containsAll(exercise.classes())) {
            return Optional.empty();
        }
        return Optional.of(new SubmissionSources(exercise.id(), root, packageFiles));
    }

    private static Map<String, List<Path>> javaFilesByPackage(Path root) throws IOException {
        Map<String, List<Path>> byPackage = new LinkedHashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = dir.getFileName().toString();
                boolean testSources = name.equals("test") && dir.getParent().getFileName() != null
                        && dir.getParent().getFileName().toString().equals("src");
                boolean skipped = name.startsWith(".") || name.equals("__MACOSX") || SKIPPED_FOLDERS.contains(name) || testSources;
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".java")) {
                    packageOf(file).ifPresent(pkg -> byPackage.computeIfAbsent(pkg, p -> new ArrayList<>()).add(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        byPackage.values().forEach(files -> files.sort(null));
        return byPackage;
    }

    private static Optional<String> packageOf(Path javaFile) throws IOException {
        String text;
        try {
            text = Files.readString(javaFile, StandardCharsets.UTF_8);
        } catch (MalformedInputException notUtf8) {
            text = Files.readString(javaFile, StandardCharsets.ISO_8859_1);
        }
        Matcher matcher = PACKAGE.matcher(COMMENTS.matcher(text).replaceAll(" "));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.of("");
    }

    private static Path unzip(Path zip, Path scratch) throws IOException {
        Path target = Files.createTempDirectory(scratch, "unzipped-");
        int count = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                count++;
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    continue; // an entry that climbs out of the folder ("zip slip") is ignored
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(entries, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (ZipException e) {
            throw new UnreadableSubmissionException(zip + " is not a readable .zip file: " + e.getMessage());
        }
        if (count == 0) {
            throw new UnreadableSubmissionException(zip + " is not a readable .zip file, or holds no files");
        }
        return target;
    }
}
