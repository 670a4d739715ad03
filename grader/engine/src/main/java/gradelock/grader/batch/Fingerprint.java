package gradelock.grader.batch;

import gradelock.grader.catalog.ExerciseCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What a shard was graded with, so that {@code merge} can refuse shards graded differently.
 *
 * <ul>
 *   <li>{@code graderVersion}: the version {@code gradelock --version} prints.</li>
 *   <li>{@code grader}: a SHA-256 of the grader's own code, the jars (or class folders) of the command line and the engine.</li>
 *   <li>{@code course}: a SHA-256 of the course as the grader sees it: for every exercise on its class path, the whole
 *       artifact that carries its {@code exercise.json} (the solution's test-jar: the descriptor, {@code limits.json}, and
 *       the compiled public and hidden tests). The reference solutions, stubs and faulty variants are not in it: they do not
 *       change a student's grade.</li>
 * </ul>
 *
 * <p>Each digest is of the entries' names and bytes in name order, never of a jar's own bytes, so the same sources built
 * twice (in each job of a CI matrix, say) give the same fingerprint although the jars' timestamps differ.
 */
public record Fingerprint(String graderVersion, String grader, String course) {

    /** The fingerprint of the grader whose code holds {@code graderClasses} and of the course on {@code courseLoader}. */
    public static Fingerprint of(String graderVersion, List<Class<?>> graderClasses, ClassLoader courseLoader) {
        List<Path> graderCode = new ArrayList<>();
        for (Class<?> type : graderClasses) {
            Path location = codeLocation(type);
            if (!graderCode.contains(location)) {
                graderCode.add(location);
            }
        }
        List<Path> courseArtifacts = new ArrayList<>();
        try {
            for (URL descriptor : Collections.list(courseLoader.getResources(ExerciseCatalog.DESCRIPTOR))) {
                courseArtifacts.add(artifactOf(descriptor));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the exercise descriptors on the class path: " + e.getMessage(), e);
        }
        return new Fingerprint(graderVersion, digest(graderCode), digest(courseArtifacts));
    }

    /** What differs between this fingerprint and {@code other}, in words, or null when they are the same. */
    public String difference(Fingerprint other) {
        if (!graderVersion.equals(other.graderVersion)) {
            return "grader versions " + graderVersion + " and " + other.graderVersion;
        }
        if (!grader.equals(other.grader)) {
            return "grader builds (code digests " + abbreviated(grader) + " and " + abbreviated(other.grader) + ")";
        }
        if (!course.equals(other.course)) {
            return "course contents (digests " + abbreviated(course) + " and " + abbreviated(other.course) + ")";
        }
        return null;
    }

    private static String abbreviated(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) : digest;
    }

    private static Path codeLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where the code of " + type.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the code of " + type.getName() + " at " + source.getLocation(), e);
        }
    }

    /** The jar or class folder that holds a descriptor. */
    private static Path artifactOf(URL descriptor) {
        try {
            if ("jar".equals(descriptor.getProtocol())) {
                return Path.of(((JarURLConnection) descriptor.openConnection()).getJarFileURL().toURI());
            }
            Path file = Path.of(descriptor.toURI());
            // META-INF/gradelock/exercise.json: three levels below the class folder
            return file.getParent().getParent().getParent();
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the exercise at " + descriptor + ": " + e.getMessage(), e);
        }
    }

    /** One SHA-256 over every artifact's entries, artifacts in the order of their own digests (class path order does not count). */
    private static String digest(List<Path> artifacts) {
        List<String> each = artifacts.stream().map(Fingerprint::contentDigest).sorted().toList();
        MessageDigest all = sha256();
        each.forEach(digest -> all.update((digest + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(all.digest());
    }

    private static String contentDigest(Path artifact) {
        Map<String, byte[]> entries = new TreeMap<>();
        try {
            if (Files.isDirectory(artifact)) {
                try (Stream<Path> files = Files.walk(artifact)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        entries.put(artifact.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(artifact.toFile())) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        if (!entry.isDirectory()) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                entries.put(entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + artifact + " to fingerprint it: " + e.getMessage(), e);
        }
        MessageDigest digest = sha256();
        entries.forEach((name, bytes) -> {
            // META-INF/MANIFEST.MF and Maven's pom.properties carry build dates and user names: not the code
            if (name.equals("META-INF/MANIFEST.MF") || name.endsWith("/pom.properties")) {
                return;
            }
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(sha256().digest(bytes));
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
