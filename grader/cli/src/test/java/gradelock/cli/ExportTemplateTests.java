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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code gradelock export-template} writes what a student receives. These tests export it, look through every file
 * and every compiled class of it for anything of the instructors', and build it as a student would, with the plain
 * {@code ./mvnw test} of its README: with the stubs (it compiles, every exercise is tested although the first one
 * already fails, and the public tests fail on the stubs' TODOs, listed by their numbered display names) and with each
 * reference solution in place of its stub (every public test passes, with no solutions/ or grader/ anywhere near).
 */
class ExportTemplateTests {

    private static final long BUILD_LIMIT_MINUTES = 5;
    private static final Pattern TESTSUITE = Pattern.compile(
            "<testsuite [^>]*?tests=\"(\\d+)\"[^>]*?errors=\"(\\d+)\"[^>]*?skipped=\"(\\d+)\"[^>]*?failures=\"(\\d+)\"");
    private static final List<String> INSTRUCTOR_FOLDERS = List.of("solutions", "grader", "faulty", "alternatives");
    /** What a JDK from 24 on prints when Maven's own libraries use sun.misc.Unsafe, before anything of the build. */
    private static final String UNSAFE_WARNING = "sun.misc.Unsafe";

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
            assertThat(reactorStatus(build, spec.id())).as("%s in the reactor summary of ./mvnw test with the stubs (every exercise is tested,"
                    + " not only up to the first that fails); the log ends:%n%s", spec.id(), build.logTail()).isEqualTo("FAILURE");
            for (String testClass : spec.publicTests()) {
                Counts counts = counts(template, spec.id(), testClass);
                assertThat(counts.tests()).as("tests of %s that ran against the stub", testClass).isPositive();
                assertThat(counts.failures() + counts.errors()).as("tests of %s that failed against the stub", testClass).isPositive();
                assertTestsAreShownByTheirNumberedNames(template, build, spec.id(), testClass);
            }
            Path classes = template.resolve(spec.id()).resolve("target/classes");
            for (String stubClass : spec.classes()) {
                assertThat(classes.resolve(spec.packageName().replace('.', '/')).resolve(stubClass + ".class"))
                        .as("the stub %s compiled in the template", stubClass).exists();
            }
        }
        assertThat(build.log().lines().filter(line -> line.contains(UNSAFE_WARNING)))
                .as("lines about sun.misc.Unsafe in the log of ./mvnw test on Java %s (Maven's own libraries print them first on a JDK 24"
                        + " or newer, before anything of the build)", Runtime.version().feature())
                .isEmpty();
        assertHoldsNothingOfTheInstructors(template, "the template after its build (compiled classes included)");
        String summary = run(template, "bash", ".github/public-tests-summary.sh").log();
        assertThat(summary).as("the workflow's summary of the public tests").contains("| exercise | passed | failed | skipped | failed tests |");
        for (ExerciseSpec spec : exercises()) {
            List<String> failedNumbers = new ArrayList<>();
            for (String testClass : spec.publicTests()) {
                failedNumbers.addAll(failedTestNumbers(template, spec.id(), testClass));
            }
            failedNumbers.sort(Comparator.comparing((String number) -> Integer.parseInt(number.substring(0, number.indexOf('.'))))
                    .thenComparing(number -> Integer.parseInt(number.substring(number.indexOf('.') + 1))));
            assertThat(summary.lines()).as("the row of %s in the workflow's summary, which lists the numbers of the tests that failed", spec.id())
                    .anyMatch(row -> row.startsWith("| " + spec.id() + " | ") && row.endsWith(" | " + String.join(", ", failedNumbers) + " |"));
        }
        assertAnnotatesTheStubsOnTheirLines(template);
    }

    /**
     * The workflow's annotations, from the stubs' real Surefire reports: each on a line of the template's own files, one a
     * line, at most GitHub's ten errors a step, then a notice of how many failing tests are left unannotated.
     */
    private static void assertAnnotatesTheStubsOnTheirLines(Path template) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> lines = run(template, java.toString(), ".github/PublicTestsAnnotations.java").log().lines().toList();
        List<String> errors = lines.stream().filter(line -> line.startsWith("::error ")).toList();
        assertThat(errors).as("the workflow's error annotations of the stubs' failing tests").hasSize(10);
        Pattern place = Pattern.compile("::error file=([^,]+),line=(\\d+),");
        List<String> places = new ArrayList<>();
        for (String error : errors) {
            Matcher matcher = place.matcher(error);
            assertThat(matcher.find()).as("an annotation on a file and line: %s", error).isTrue();
            Path file = template.resolve(matcher.group(1));
            assertThat(file).as("the annotated file").isRegularFile();
            assertThat(matcher.group(1)).as("the annotated file, a stub's").contains("/src/main/java/");
            assertThat(Files.readAllLines(file).get(Integer.parseInt(matcher.group(2)) - 1)).as("the annotated line of %s", file)
                    .contains("UnsupportedOperationException");
            places.add(matcher.group(1) + ":" + matcher.group(2));
        }
        assertThat(places).as("annotated lines").doesNotHaveDuplicates();
        assertThat(errors.get(0)).as("the first annotation, on the line that fails the most tests")
                .contains("file=bounded-buffer/src/main/java/boundedbuffer/BoundedBuffer.java,", " public tests fail here");
        assertThat(lines).as("after ten errors, the notice of the rest").anyMatch(line -> line.matches("::notice .*::GitHub shows at most 10 .*"));
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
            assertThat(reactorStatus(build, spec.id())).as("%s in the reactor summary of ./mvnw test with the references", spec.id())
                    .isEqualTo("SUCCESS");
            for (String testClass : spec.publicTests()) {
                Counts counts = counts(template, spec.id(), testClass);
                assertThat(counts.tests()).as("tests of %s that ran", testClass).isPositive();
                assertThat(List.of(counts.errors(), counts.skipped(), counts.failures()))
                        .as("errors, skipped and failures of %s against the reference", testClass).containsExactly(0, 0, 0);
            }
        }
    }

    @Test
    void theTemplatesMavenSettingsTestEveryExerciseEvenAfterOneFails() throws IOException {
        Path template = export();

        assertThat(template.resolve(".mvn/maven.config")).as("the template's .mvn/maven.config, which ./mvnw test reads").exists();
        assertThat(Files.readAllLines(template.resolve(".mvn/maven.config")))
                .as("options in the template's .mvn/maven.config: --fail-at-end, so that an exercise whose tests fail does not stop the"
                        + " others from being tested")
                .containsAnyOf("--fail-at-end", "-fae");
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

    /**
     * {@code ./mvnw test} as the template's README has it, with no option of ours, on the JDK these tests run on (as a
     * student's own JDK would be); only -B -ntp, which change how Maven prints, not what it does.
     */
    private static Build build(Path template) throws Exception {
        Build build = run(template, Map.of("JAVA_HOME", System.getProperty("java.home")),
                template.resolve("mvnw").toString(), "-B", "-ntp", "test");
        Files.writeString(template.resolve("build.log"), build.log());
        return build;
    }

    /** What Maven's reactor summary says of an exercise's module ("SUCCESS", "FAILURE", "SKIPPED"), or null if it is not there. */
    private static String reactorStatus(Build build, String exerciseId) {
        Matcher line = Pattern.compile("exercise: " + Pattern.quote(exerciseId) + " \\.+ ([A-Z]+)").matcher(build.log());
        return line.find() ? line.group(1) : null;
    }

    /**
     * Every test of the class is shown by its display name, which begins with the number of its task in the README: in
     * Surefire's XML report (what IDEs and CI read) and in the console's list of the class's tests.
     */
    private static void assertTestsAreShownByTheirNumberedNames(Path template, Build build, String exerciseId, String testClass) throws Exception {
        NodeList testcases = testcases(template, exerciseId, testClass);
        List<String> reported = IntStream.range(0, testcases.getLength())
                .mapToObj(i -> ((Element) testcases.item(i)).getAttribute("name")).toList();
        assertThat(reported).as("names of the tests in Surefire's report of %s", testClass)
                .containsExactlyInAnyOrderElementsOf(Course.displayNamesOfTests(
                        template.resolve(exerciseId).resolve("src/test/java").resolve(testClass.replace('.', '/') + ".java")).values())
                .allMatch(name -> name.matches("\\d+\\.\\d+ .+"));
        for (String name : reported) {
            assertThat(build.log()).as("the console of ./mvnw test, which should list the test \"%s\" of %s by that name", name, testClass)
                    .contains(name);
        }
    }

    /** The numbers ("3.1") of the tests of a class that failed or erred, in Surefire's report, whose names begin with them. */
    private static List<String> failedTestNumbers(Path template, String exerciseId, String testClass) throws Exception {
        NodeList testcases = testcases(template, exerciseId, testClass);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            if (testcase.getElementsByTagName("failure").getLength() + testcase.getElementsByTagName("error").getLength() > 0) {
                String name = testcase.getAttribute("name");
                numbers.add(name.substring(0, name.indexOf(' ')));
            }
        }
        return numbers;
    }

    private static NodeList testcases(Path template, String exerciseId, String testClass) throws Exception {
        Path report = template.resolve(exerciseId).resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
    }

    private static Build run(Path dir, String... command) throws Exception {
        return run(dir, Map.of(), command);
    }

    private static Build run(Path dir, Map<String, String> environment, String... command) throws Exception {
        Path log = Files.createTempFile("gradelock-template-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = Course.finishedWithin(process, BUILD_LIMIT_MINUTES);
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
