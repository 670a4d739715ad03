package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student receives exercises/ alone: no solutions/, no grader/, no course build around it. This builds such a
 * copy with its own Maven Wrapper, with each reference solution in place of its stub, and checks that every
 * public test ran and passed there.
 */
class StudentCopyTests {

    private static final long BUILD_LIMIT_MINUTES = 5;
    private static final Pattern TESTSUITE = Pattern.compile(
            "<testsuite [^>]*?tests=\"(\\d+)\"[^>]*?errors=\"(\\d+)\"[^>]*?skipped=\"(\\d+)\"[^>]*?failures=\"(\\d+)\"");

    @TempDir
    Path copy;

    @Test
    void exercisesBuildAndPassTheirPublicTestsWithoutTheRestOfTheCourse() throws Exception {
        copyTree(Course.ROOT.resolve("exercises"), copy);
        Files.copy(Course.ROOT.resolve("mvnw"), copy.resolve("mvnw"), StandardCopyOption.COPY_ATTRIBUTES);
        // The wrapper's settings only: .mvn/maven.config marks the course repository, where stub tests are skipped.
        copyTree(Course.ROOT.resolve(".mvn/wrapper"), copy.resolve(".mvn/wrapper"));
        for (String id : Course.CATALOG.ids()) {
            copyTree(Course.solution(id).resolve("src/main/java"), copy.resolve(id).resolve("src/main/java"));
        }

        Path log = copy.resolve("build.log");
        Process maven = new ProcessBuilder(copy.resolve("mvnw").toString(), "-B", "-ntp", "test")
                .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = maven.waitFor(BUILD_LIMIT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
        }
        assertThat(finished).as("the student's build finished within %d minutes", BUILD_LIMIT_MINUTES).isTrue();
        assertThat(maven.exitValue()).as("exit status of ./mvnw test in a student's copy; its log ends:%n%s", tail(log)).isZero();

        for (String id : Course.CATALOG.ids()) {
            ExerciseSpec spec = Course.CATALOG.find(id).orElseThrow();
            for (String testClass : spec.publicTests()) {
                Path report = copy.resolve(id).resolve("target/surefire-reports/TEST-" + testClass + ".xml");
                assertThat(report).as("Surefire's report of %s in the student's copy", testClass).exists();
                Matcher counts = TESTSUITE.matcher(Files.readString(report));
                assertThat(counts.find()).as("counts in %s", report).isTrue();
                assertThat(Integer.parseInt(counts.group(1))).as("tests of %s that ran", testClass).isPositive();
                assertThat(List.of(counts.group(2), counts.group(3), counts.group(4)))
                        .as("errors, skipped and failures of %s against the reference", testClass)
                        .containsExactly("0", "0", "0");
            }
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(p -> !isBuildOutput(from.relativize(p))).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBuildOutput(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
