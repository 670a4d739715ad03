package gradelock.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Gradescope autograder bundle: {@code setup.sh} (installs a JDK), {@code run_autograder} (grades
 * {@code /autograder/submission} into {@code /autograder/results/results.json}), {@value #GRADE_OPTIONS} (the assignment's
 * options for {@code grade}, one a line), the course's JDK finder, and under {@code lib/} every entry of this grader's
 * own class path, which holds the engine and each exercise's tests.
 */
final class GradescopePackager {

    /**
     * Each grading's deadline by default: Gradescope's default timeout is 600 s, past which it kills the autograder and
     * the student gets 0 and no feedback; the minute left is for the JVM's start, ending the test JVMs and writing
     * results.json (run_autograder stops the grader itself half a minute past the deadline, should it overrun).
     */
    static final int DEFAULT_DEADLINE_SECONDS = 540;

    /** The bundle's file of options for {@code grade}, one a line, which run_autograder reads. */
    static final String GRADE_OPTIONS = "grade-options";

    private static final String RESOURCES = "/gradelock/gradescope/";

    private final Path course;
    private final List<Path> classPath;
    private final Assignment assignment;

    GradescopePackager(Path course, List<Path> classPath, Assignment assignment) {
        this.course = course;
        this.classPath = List.copyOf(classPath);
        this.assignment = assignment;
    }

    /**
     * What one Gradescope assignment grades, and how.
     *
     * @param exercises             the assignment's exercises, or none for all
     * @param deadlineSeconds       each grading's deadline
     * @param hiddenTestsVisibility {@code grade --hidden-tests-visibility}'s settings, checked already
     */
    record Assignment(List<String> exercises, int deadlineSeconds, List<String> hiddenTestsVisibility) {

        Assignment {
            exercises = exercises.stream().distinct().toList();
            hiddenTestsVisibility = List.copyOf(hiddenTestsVisibility);
        }

        /** The options run_autograder gives {@code grade}, one a line: no quoting, since none holds a line break. */
        List<String> gradeOptions() {
            List<String> options = new ArrayList<>();
            exercises.forEach(id -> options.addAll(List.of("--exercise", id)));
            options.addAll(List.of("--deadline", Integer.toString(deadlineSeconds)));
            hiddenTestsVisibility.forEach(setting -> options.addAll(List.of("--hidden-tests-visibility", setting)));
            return options;
        }
    }

    /** The class path of this JVM, which is the grader's: its jar and every library and exercise beside it. */
    static List<Path> thisClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).filter(Files::exists).toList();
    }

    void write(Path zip) throws IOException {
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
            addResource(out, "setup.sh");
            addResource(out, "run_autograder");
            out.putNextEntry(new ZipEntry(GRADE_OPTIONS));
            out.write((String.join("\n", assignment.gradeOptions()) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            addFile(out, "find-jdk.sh", course.resolve("grader/bin/find-jdk.sh"));
            Set<String> names = new HashSet<>();
            for (Path entry : classPath) {
                String name = uniqueJarName(entry, names);
                if (Files.isDirectory(entry)) {
                    out.putNextEntry(new ZipEntry("lib/" + name));
                    jarFolder(entry, out);
                    out.closeEntry();
                } else {
                    addFile(out, "lib/" + name, entry);
                }
            }
        }
        Files.move(partial, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A class-path folder (a module's target/classes, say) becomes a jar named after the module. */
    private static String uniqueJarName(Path entry, Set<String> taken) {
        String base = Files.isDirectory(entry)
                ? entry.getParent().getParent().getFileName() + "-" + entry.getFileName() + ".jar"
                : entry.getFileName().toString();
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = i + "-" + base;
        }
        return name;
    }

    private static void jarFolder(Path folder, OutputStream target) throws IOException {
        ZipOutputStream jar = new ZipOutputStream(target);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        jar.finish(); // not close(): that would close the bundle it is written into
    }

    private static void addResource(ZipOutputStream out, String name) throws IOException {
        try (InputStream in = GradescopePackager.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the grader's jar lacks its Gradescope file " + name);
            }
            out.putNextEntry(new ZipEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    private static void addFile(ZipOutputStream out, String name, Path file) {
        try {
            out.putNextEntry(new ZipEntry(name));
            Files.copy(file, out);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + file + " to the bundle: " + e.getMessage(), e);
        }
    }
}
