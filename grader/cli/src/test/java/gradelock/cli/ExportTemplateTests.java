package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradelock export-template} writes what a student receives. These tests export it, look through every file
 * and every compiled class of it for anything of the instructors', and build it as a student would: with the stubs
 * (it compiles, and the public tests fail on the stubs' TODOs) and with each reference solution in place of its stub
 * (every public test passes, with no solutions/ or grader/ anywhere near).
 */
class ExportTemplateTests {

    private static final long BUILD_LIMIT_MINUTES = 5;
    private static final Pattern TESTSUITE = Pattern.compile(
            "<testsuite [^>]*?tests=\"(\\d+)\"[^>]*?errors=\"(\\d+)\"[^>]*?skipped=\"(\\d+)\"[^>]*?failures=\"(\\d+)\"");
    private static final List<String> INSTRUCTOR_FOLDERS = List.of("solutions", "grader", "faulty", "alternatives");

    @TempDir
    Path workspace;

    @Test
    void theTemplateHoldsNothingOfTheInstructorsAndItsStubsFailThePublicTests() throws Exception {
        Path template = export();
        assertHoldsNothingOfTheInstructors(template, "the exported template");
        assertThat(template.resolve(".github/workflows/public-tests.yml")).as("the template's GitHub Actions workflow").exists();

        Build build = build(template);

        assertThat(build.exitStatus()).as("./mvnw test in the template with the stubs: the public tests fail; its log ends:%n%s",
                build.logTail()).isNotZero();
        assertThat(build.log()).as("the template's build log").doesNotContain("COMPILATION ERROR");
        for (ExerciseSpec spec : exercises()) {
            for (String testClass : spec.publicTests()) {
                Counts counts = counts(template, spec.id(), testClass);
                assertThat(counts.tests()).as("tests of %s that ran against the stub", testClass).isPositive();
                assertThat(counts.failures() + counts.errors()).as("tests of %s that failed against the stub", testClass).isPositive();
            }
            Path classes = template.resolve(spec.id()).resolve("target/classes");
            for (String stubClass : spec.classes()) {
                assertThat(classes.resolve(spec.packageName().replace('.', '/')).resolve(stubClass + ".class"))
                        .as("the stub %s compiled in the template", stubClass).exists();
            }
        }
        assertHoldsNothingOfTheInstructors(template, "the template after its build (compiled classes included)");
        assertThat(run(template, "bash", ".github/public-tests-summary.sh").log())
                .as("the workflow's summary of the public tests")
                .contains("| exercise | passed | failed | skipped |")
                .contains(exercises().stream().map(spec -> "| " + spec.id() + " | ").toList());
    }

    @Test
    void theTemplateWithEachReferenceSolutionPassesEveryPublicTest() throws Exception {
        Path template = export();
        for (ExerciseSpec spec : exercises()) {
            Course.copyTree(Course.solution(spec.id()).resolve("src/main/java"), template.resolve(spec.id()).resolve("src/main/java"));
        }

        Build build = build(template);

        assertThat(build.exitStatus()).as("./mvnw test in the template with the references; its log ends:%n%s", build.logTail()).isZero();
        for (ExerciseSpec spec : exercises()) {
            for (String testClass : spec.publicTests()) {
                Counts counts = counts(template, spec.id(), testClass);
                assertThat(counts.tests()).as("tests of %s that ran", testClass).isPositive();
                assertThat(List.of(counts.errors(), counts.skipped(), counts.failures()))
                        .as("errors, skipped and failures of %s against the reference", testClass).containsExactly(0, 0, 0);
            }
        }
    }

    @Test
    void refusesAFolderThatAlreadyHoldsSomething() throws IOException {
        Path occupied = Files.createDirectories(workspace.resolve("occupied"));
        Files.writeString(occupied.resolve("notes.txt"), "mine");
        StringWriter err = new StringWriter();

        int status = Gradelock.run(new String[] {"export-template", occupied.toString(), "--course", Course.ROOT.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));

        assertThat(status).isEqualTo(Gradelock.EXIT_USAGE);
        assertThat(err.toString()).contains("already exists and is not an empty folder").hasLineCount(1);
        assertThat(occupied.resolve("notes.txt")).hasContent("mine");
    }

    private Path export() {
        Path template = workspace.resolve("template");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Gradelock.run(new String[] {"export-template", template.toString(), "--course", Course.ROOT.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(status).as("exit status of export-template; it printed: %s%s", out, err).isZero();
        return template;
    }

    private static List<ExerciseSpec> exercises() {
        return Course.CATALOG.ids().stream().map(id -> Course.CATALOG.find(id).orElseThrow()).toList();
    }

    /**
     * No folder of the instructors' by name, no file that is byte for byte one of solutions/ (references, alternatives,
     * faulty variants, hidden tests), and no file, compiled or not, that names a hidden test class.
     */
    private static void assertHoldsNothingOfTheInstructors(Path template, String what) throws IOException {
        Map<String, Path> solutionFiles = digests(Course.ROOT.resolve("solutions"));
        List<String> hiddenTestNames = exercises().stream().flatMap(spec -> spec.hiddenTests().stream())
                .map(name -> name.substring(name.lastIndexOf('.') + 1)).toList();
        try (Stream<Path> files = Files.walk(template)) {
            for (Path file : files.toList()) {
                Path relative = template.relativize(file);
                for (Path segment : relative) {
                    assertThat(INSTRUCTOR_FOLDERS).as("%s holds %s", what, relative).doesNotContain(segment.toString());
                }
                if (!Files.isRegularFile(file) || relative.startsWith(Path.of("build.log"))) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                assertThat(solutionFiles.get(digest(bytes))).as("%s holds %s, a copy of the instructors' file", what, relative).isNull();
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                for (String hidden : hiddenTestNames) {
                    assertThat(text).as("%s: %s mentions the hidden test class %s", what, relative, hidden).doesNotContain(hidden);
                }
            }
        }
    }

    private static Map<String, Path> digests(Path root) throws IOException {
        Map<String, Path> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(file -> !file.toString().contains("/target/")).toList()) {
                digests.put(digest(Files.readAllBytes(file)), file);
            }
        }
        return digests;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Build(int exitStatus, String log) {
        String logTail() {
            List<String> lines = log.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    private record Counts(int tests, int errors, int skipped, int failures) {
    }

    private static Build build(Path template) throws Exception {
        Build build = run(template, template.resolve("mvnw").toString(), "-B", "-ntp", "-fae", "test");
        Files.writeString(template.resolve("build.log"), build.log());
        return build;
    }

    private static Build run(Path dir, String... command) throws Exception {
        Path log = Files.createTempFile("gradelock-template-", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(BUILD_LIMIT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            assertThat(finished).as("%s finished within %d minutes", String.join(" ", command), BUILD_LIMIT_MINUTES).isTrue();
            return new Build(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Counts counts(Path template, String exerciseId, String testClass) throws IOException {
        Path report = template.resolve(exerciseId).resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        assertThat(report).as("Surefire's report of %s in the template", testClass).exists();
        Matcher counts = TESTSUITE.matcher(Files.readString(report));
        assertThat(counts.find()).as("counts in %s", report).isTrue();
        return new Counts(Integer.parseInt(counts.group(1)), Integer.parseInt(counts.group(2)),
                Integer.parseInt(counts.group(3)), Integer.parseInt(counts.group(4)));
    }
}
