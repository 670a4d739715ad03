package gradelock.grader.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test JVMs' class-data archive, made for real by the JDK: what it takes from a class list that a submission could
 * have written, and when a test JVM is told to use it.
 */
class SharedClassArchiveTests {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path cache;

    @Test
    void jarsComeFirstOnATestJvmsClassPathAndFoldersKeepTheirOrderAfterThem() {
        List<Path> classPath = List.of(Path.of("target/classes"), Path.of("a.jar"), Path.of("target/test-classes"), Path.of("b.jar"));
        assertThat(SharedClassArchive.jarsFirst(classPath))
                .containsExactly(Path.of("a.jar"), Path.of("b.jar"), Path.of("target/classes"), Path.of("target/test-classes"));
    }

    @Test
    void aClassPathWithoutJarsHasNoArchive() {
        assertThat(SharedClassArchive.in(cache, JAVA, List.of(Path.of("target/classes")), List.of())).isEmpty();
    }

    @Test
    void theFirstTestJvmListsItsClassesAndTheArchiveIsMadeFromPlainClassNamesOnly() throws Exception {
        Path junitJar = Path.of(Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> options = List.of("-Xmx64m", "-XX:+UseSerialGC");
        SharedClassArchive archive = SharedClassArchive.in(cache, JAVA, List.of(junitJar), options).orElseThrow();
        Path classList = cache.resolve("loaded.classlist");

        assertThat(archive.optionsFor("bounded-buffer", classList)).containsExactly("-XX:DumpLoadedClassList=" + classList);

        // as a test JVM writes it, with lines a submission could have added to steer the archive
        Files.write(classList, List.of(
                "java/lang/Object id: 0",
                "org/junit/jupiter/api/Test id: 7",
                "evil/Payload id: 8 super: 0 source: /tmp/evil.jar",
                "@lambda-proxy org/junit/jupiter/api/Test run ()V",
                "org/junit/jupiter/api/Disabled id: 9",
                "org/junit/jupiter/api/Dis"));
        archive.learnFrom("bounded-buffer", classList);

        assertThat(Files.readAllLines(archive.listOf("bounded-buffer")))
                .containsExactly("java/lang/Object", "org/junit/jupiter/api/Test", "org/junit/jupiter/api/Disabled", "org/junit/jupiter/api/Dis");
        assertThat(classList).doesNotExist();
        List<String> withArchive = archive.optionsFor("bounded-buffer", classList);
        assertThat(withArchive).hasSize(2).last().isEqualTo("-Xshare:auto");
        Path dumped = Path.of(withArchive.get(0).substring("-XX:SharedArchiveFile=".length()));
        assertThat(dumped).isRegularFile();
        assertThat(Files.size(dumped)).as("bytes in the archive").isPositive();
        assertThat(archive.optionsFor("event-consumer", classList)).as("an exercise whose classes it has not seen yet")
                .containsExactly("-XX:DumpLoadedClassList=" + classList);
    }
}
