package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image's entry point (deploy/docker/entrypoint.sh), run without Docker: from a folder laid out as
 * deploy/docker/Dockerfile lays out {@code /opt/gradelock} (the entry point in {@code bin/}, the grader and its class
 * path in {@code lib/}), on the JDK running these tests, as the image runs it on its own. The jars are this grader's
 * class path, the same entries {@code package gradescope} bundles (Maven's test phase comes before {@code package},
 * so there is no gradelock.jar yet).
 */
class ContainerImageTests {

    private static final long RUN_LIMIT_MINUTES = 3;

    @TempDir
    Path root;

    private Path image;

    /** Lays out /opt/gradelock as the Dockerfile does, in a temporary folder. */
    @BeforeEach
    void layOutTheImage() throws IOException {
        image = root.resolve("opt/gradelock");
        Files.createDirectories(image.resolve("bin"));
        Files.copy(Course.ROOT.resolve("deploy/docker/entrypoint.sh"), image.resolve("bin/gradelock"));
        Path bundle = root.resolve("bundle.zip");
        new GradescopePackager(Course.ROOT, GradescopePackager.thisClassPath(),
                new GradescopePackager.Assignment(List.of(), GradescopePackager.DEFAULT_DEADLINE_SECONDS, List.of())).write(bundle);
        copyBundlesLibInto(bundle, image.resolve("lib"));
    }

    @Test
    void printsTheGradersVersion() throws Exception {
        Run run = runTheEntryPoint(root, "--version");

        assertThat(run.status()).as("exit status of gradelock --version; it printed:%n%s", run.output()).isZero();
        assertThat(run.output()).as("what gradelock --version printed").startsWith("gradelock ").contains("0.1.0");
    }

    @Test
    void gradesASubmissionWithTheJarsBesideIt() throws Exception {
        Path submission = root.resolve("submission");
        Course.copyTree(Course.ROOT.resolve("exercises/bounded-buffer/src/main/java"), submission);

        Run run = runTheEntryPoint(root, "grade", submission.toString(), "--exercise", "bounded-buffer");

        assertThat(run.status()).as("exit status of gradelock grade on the stub; it printed:%n%s", run.output()).isZero();
        int max = Course.CATALOG.find("bounded-buffer").orElseThrow().maxScore();
        assertThat(run.output()).as("the score card of the bounded-buffer stub, which passes nothing")
                .contains("bounded-buffer: 0/" + max).contains("Total: 0/" + max);
    }

    @Test
    void refusesAJavaWithoutJavacInOneLine() throws Exception {
        // A JRE-like home: a java that runs, and no javac beside it.
        Path jre = root.resolve("jre/bin");
        Files.createDirectories(jre);
        Path java = jre.resolve("java");
        Files.writeString(java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).as("made %s executable", java).isTrue();

        Run run = runTheEntryPoint(root, root.resolve("jre"), "--version");

        assertThat(run.status()).as("exit status with a java but no javac; it printed:%n%s", run.output()).isEqualTo(Gradelock.EXIT_USAGE);
        assertThat(run.output().strip()).as("the entry point's message").doesNotContain("\n")
                .startsWith("gradelock: ").contains("no javac beside it");
    }

    private record Run(int status, String output) {}

    private Run runTheEntryPoint(Path workingFolder, String... arguments) throws Exception {
        return runTheEntryPoint(workingFolder, Path.of(System.getProperty("java.home")), arguments);
    }

    /** Runs bin/gradelock as the image's ENTRYPOINT does, with JAVA_HOME as the base image sets it. */
    private Run runTheEntryPoint(Path workingFolder, Path javaHome, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", image.resolve("bin/gradelock").toString()));
        command.addAll(List.of(arguments));
        Path log = root.resolve("entrypoint.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("GRADELOCK_JAVA_HOME");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        Process process = builder.start();
        boolean finished = Course.finishedWithin(process, RUN_LIMIT_MINUTES);
        assertThat(finished).as("the entry point finished within %d minutes; it printed:%n%s", RUN_LIMIT_MINUTES,
                Files.readString(log)).isTrue();
        return new Run(process.exitValue(), Files.readString(log));
    }

    /** Copies the bundle's lib/ (the grader's class path, folders made jars) into {@code lib}. */
    private static void copyBundlesLibInto(Path bundle, Path lib) throws IOException {
        Files.createDirectories(lib);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().startsWith("lib/") && !entry.isDirectory()) {
                    copy(in, lib.resolve(entry.getName().substring("lib/".length())));
                }
            }
        }
        try (Stream<Path> jars = Files.list(lib)) {
            assertThat(jars.count()).as("jars copied into the image's lib/").isPositive();
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        assertThat(target.getFileName().toString()).as("a class-path entry of the bundle").endsWith(".jar");
        Files.copy(in, target);
    }
}
