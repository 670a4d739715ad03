package gradelock.grader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.catalog.ExerciseCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint of a course: its test-jars' contents, not their timestamps or their order on the class path. */
class FingerprintTests {

    private static final Map<String, String> EXERCISE = Map.of(
            ExerciseCatalog.DESCRIPTOR, "{\"id\": \"bounded-buffer\"}",
            "META-INF/gradelock/limits.json", "{\"tests\": {}}",
            "boundedbuffer/BoundedBufferHiddenTests.class", "compiled hidden tests");

    @TempDir
    Path tmp;

    @Test
    void theSameCourseBuiltTwiceAtDifferentTimesHasTheSameFingerprint() throws IOException {
        Fingerprint first = fingerprintOf(jar("first.jar", EXERCISE, 1_000_000L), jar("other.jar", Map.of(ExerciseCatalog.DESCRIPTOR, "{}"), 0L));
        Fingerprint rebuilt = fingerprintOf(jar("other-again.jar", Map.of(ExerciseCatalog.DESCRIPTOR, "{}"), 5L),
                jar("rebuilt.jar", EXERCISE, 2_000_000_000_000L));

        assertThat(rebuilt).as("the course rebuilt later, its jars listed in the other order").isEqualTo(first);
        assertThat(first.difference(rebuilt)).isNull();
    }

    @Test
    void aChangedHiddenTestOrLimitChangesTheCoursesFingerprintAndSaysSo() throws IOException {
        Fingerprint before = fingerprintOf(jar("before.jar", EXERCISE, 0L));
        for (String changed : List.of("boundedbuffer/BoundedBufferHiddenTests.class", "META-INF/gradelock/limits.json")) {
            Map<String, String> after = new HashMap<>(EXERCISE);
            after.put(changed, EXERCISE.get(changed) + " changed");
            Fingerprint fingerprint = fingerprintOf(jar("after-" + changed.hashCode() + ".jar", after, 0L));

            assertThat(fingerprint.course()).as("the course's digest after changing %s", changed).isNotEqualTo(before.course());
            assertThat(fingerprint.grader()).as("the grader's digest after changing %s in the course", changed).isEqualTo(before.grader());
            assertThat(before.difference(fingerprint)).startsWith("course contents (digests " + before.course().substring(0, 12));
        }
    }

    private static Fingerprint fingerprintOf(Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        try (URLClassLoader course = new URLClassLoader(urls, null)) {
            return Fingerprint.of("gradelock test", List.of(Fingerprint.class), course);
        }
    }

    private Path jar(String name, Map<String, String> entries, long time) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
                JarEntry jarEntry = new JarEntry(entry.getKey());
                jarEntry.setLastModifiedTime(FileTime.fromMillis(time));
                out.putNextEntry(jarEntry);
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(time));
        return jar;
    }
}
