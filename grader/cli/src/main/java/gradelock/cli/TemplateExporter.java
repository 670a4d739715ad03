package gradelock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the repository a student receives: the course's {@code exercises/} (stubs, public tests, instructions) as a
 * standalone Maven build with the wrapper, and a GitHub Actions workflow that runs the public tests. Nothing else of
 * the course is read, so solutions, hidden tests and faulty variants cannot end up in it.
 */
final class TemplateExporter {

    private static final String RESOURCES = "/gradelock/template/";
    /**
     * What the wrapper needs; the course's .mvn/maven.config is left out, it marks the course repository itself (the
     * template has its own).
     */
    private static final List<String> WRAPPER_FILES = List.of("mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties");
    /** The background the exercises' READMEs link to, and the demo it runs. */
    private static final List<String> DOCS = List.of("docs/concepts.md", "docs/demo/SeedComparison.java");
    /** In the course, docs/ sits beside exercises/; in the template, beside the exercises themselves. */
    private static final String COURSE_DOCS_LINK = "](../../docs/";
    private static final String TEMPLATE_DOCS_LINK = "](../docs/";

    private final Path course;

    TemplateExporter(Path course) {
        this.course = course;
    }

    /** Writes the template into {@code out}, which must not exist or be empty. */
    void export(Path out) throws IOException {
        copyExercises(course.resolve("exercises"), out);
        for (String file : concat(WRAPPER_FILES, DOCS)) {
            Path target = out.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(course.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        // --fail-at-end: ./mvnw test tests every exercise, even after one whose tests fail, and the reactor summary
        // names each exercise with SUCCESS or FAILURE.
        // No .mvn/jvm.config: the wrapper's Maven (3.9.12 or later) no longer prints sun.misc.Unsafe warnings on a JDK
        // 24 or newer, and neither option that silences an older one fits every student: --sun-misc-unsafe-memory-access
        // stops a JDK before 23 from starting, and -Dguice_custom_class_loading=CHILD makes Maven 3.8 warn instead.
        writeResource("maven.config", out.resolve(".mvn/maven.config"));
        writeResource("README.md", out.resolve("README.md"));
        writeResource("gitignore", out.resolve(".gitignore"));
        writeResource("public-tests.yml", out.resolve(".github/workflows/public-tests.yml"));
        Path summary = out.resolve(".github/public-tests-summary.sh");
        writeResource("public-tests-summary.sh", summary);
        writeResource("PublicTestsAnnotations.java", out.resolve(".github/PublicTestsAnnotations.java"));
        makeExecutable(summary);
        makeExecutable(out.resolve("mvnw"));
    }

    private static void copyExercises(Path exercises, Path out) throws IOException {
        try (Stream<Path> files = Files.walk(exercises)) {
            for (Path file : files.filter(path -> !isBuildOutput(exercises.relativize(path))).toList()) {
                Path target = out.resolve(exercises.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (file.getFileName().toString().equals("README.md")) {
                    Files.writeString(target, Files.readString(file).replace(COURSE_DOCS_LINK, TEMPLATE_DOCS_LINK));
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static boolean isBuildOutput(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    private static void writeResource(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = TemplateExporter.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the grader's jar lacks its template file " + name);
            }
            Files.copy(in, target);
        }
    }

    private static void makeExecutable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): there mvnw.cmd is what runs.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
