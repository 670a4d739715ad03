package gradelock.grader.execute;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive of what test JVMs load from the grader's class path (JUnit, the test libraries, every
 * exercise's tests), so that each test JVM maps those classes ready-made instead of reading and verifying them again.
 * It is made on first use: the first test JVM of each exercise lists the classes it loads, and the archive is dumped
 * from every list so far. It lives in a cache folder under a key of the JDK, the test JVMs' options and the content of
 * every jar on the class path, so that a changed test, library or JDK makes a new one; nothing is shared where any of
 * this fails, and grading goes on as before.
 *
 * <p>Only jars can be archived: they come first on a test JVM's class path, and the folders (the submission's classes,
 * a build's class folders) after them.
 */
final class SharedClassArchive {

    /** Where the archives are kept unless {@code GRADELOCK_CACHE} names another folder. */
    static final Path DEFAULT_CACHE = Path.of(System.getProperty("user.home"), ".cache", "gradelock");
    /** {@code GRADELOCK_CACHE=none}: no archive, made or used. */
    static final String NO_CACHE = "none";
    private static final long DUMP_LIMIT_SECONDS = 120;
    /** A line of a class list that names a class and nothing else (no source, no loader): {@code java/lang/Object id: 1}. */
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(/[A-Za-z_$][A-Za-z0-9_$]*)*( id: \\d+)?");
    private static final int MAX_CLASSES = 50_000;

    private final Path java;
    private final List<Path> jars;
    private final List<String> jvmOptions;
    private final Path folder;
    private final Path archive;

    private SharedClassArchive(Path java, List<Path> jars, List<String> jvmOptions, Path folder) {
        this.java = java;
        this.jars = jars;
        this.jvmOptions = jvmOptions;
        this.folder = folder;
        this.archive = folder.resolve("test-jvm.jsa");
    }

    /** The archive for these test JVMs, or empty where it cannot be kept (no jars, no cache folder); looked up once. */
    static Optional<SharedClassArchive> forTestJvms(Path java, List<Path> classPath, List<String> jvmOptions) {
        return KNOWN.computeIfAbsent(List.of(java, classPath, jvmOptions), ignored -> find(java, classPath, jvmOptions));
    }

    private static final Map<List<Object>, Optional<SharedClassArchive>> KNOWN = new ConcurrentHashMap<>();

    private static Optional<SharedClassArchive> find(Path java, List<Path> classPath, List<String> jvmOptions) {
        String cache = System.getenv("GRADELOCK_CACHE");
        if (NO_CACHE.equals(cache)) {
            return Optional.empty(); // a machine used once (a course platform's container) would make it and never use it
        }
        return in(cache == null || cache.isBlank() ? DEFAULT_CACHE : Path.of(cache), java, classPath, jvmOptions);
    }

    /** The archive for these test JVMs under the cache folder {@code root}, or empty where it cannot be kept. */
    static Optional<SharedClassArchive> in(Path root, Path java, List<Path> classPath, List<String> jvmOptions) {
        List<Path> jars = classPath.stream().filter(entry -> entry.toString().endsWith(".jar") && Files.isRegularFile(entry)).toList();
        if (jars.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path folder = Files.createDirectories(root.resolve("class-data").resolve(key(java, jars, jvmOptions)));
            return Optional.of(new SharedClassArchive(java, jars, jvmOptions, folder));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The grader's class path with its jars first, as the archive needs them. */
    static List<Path> jarsFirst(List<Path> classPath) {
        List<Path> ordered = new ArrayList<>(classPath.stream().filter(entry -> entry.toString().endsWith(".jar")).toList());
        classPath.stream().filter(entry -> !entry.toString().endsWith(".jar")).forEach(ordered::add);
        return ordered;
    }

    /**
     * Options for a test JVM of the given exercise: use the archive where it has this exercise's classes, or else list
     * the classes this JVM loads into {@code classList}, for {@link #learnFrom}.
     */
    synchronized List<String> optionsFor(String exerciseId, Path classList) {
        if (Files.isRegularFile(archive) && Files.isRegularFile(listOf(exerciseId))) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
        }
        return List.of("-XX:DumpLoadedClassList=" + classList);
    }

    /** After a test JVM that listed its classes: keeps the list, and dumps the archive again from every list kept. */
    synchronized void learnFrom(String exerciseId, Path classList) {
        try {
            if (!Files.isRegularFile(classList) || Files.size(classList) == 0 || Files.isRegularFile(listOf(exerciseId))) {
                return;
            }
            // the list was written by a JVM that ran the submission's code, in a folder it could write: only plain class
            // names are taken from it, so that nothing but classes of the grader's own jars can reach the archive; their ids
            // are dropped, since each list numbers its classes from 0 and lists are merged
            List<String> names = Files.readAllLines(classList, StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> CLASS_NAME.matcher(line).matches()).map(line -> line.replaceFirst(" id: \\d+$", ""))
                    .distinct().limit(MAX_CLASSES).toList();
            Files.write(listOf(exerciseId), names, StandardCharsets.UTF_8);
            Files.deleteIfExists(classList);
            dump();
        } catch (IOException | RuntimeException e) {
            // no archive this time: the test JVMs start as they would without one
        }
    }

    private void dump() throws IOException {
        Set<String> classes = new LinkedHashSet<>();
        try (Stream<Path> lists = Files.list(folder)) {
            for (Path list : lists.filter(p -> p.getFileName().toString().endsWith(".classlist")).sorted().toList()) {
                classes.addAll(Files.readAllLines(list, StandardCharsets.UTF_8));
            }
        }
        Path merged = folder.resolve("all.classlist.tmp");
        Files.write(merged, classes, StandardCharsets.UTF_8);
        Path dumped = folder.resolve("test-jvm.jsa.tmp");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + merged, "-XX:SharedArchiveFile=" + dumped,
                "-cp", String.join(File.pathSeparator, jars.stream().map(Path::toString).toList())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(folder.resolve("dump.log").toFile()).start();
        try {
            if (!process.waitFor(DUMP_LIMIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return;
        }
        Files.move(dumped, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The classes kept from the first test JVM of an exercise. */
    Path listOf(String exerciseId) {
        return folder.resolve(exerciseId + ".classlist");
    }

    /** The JDK, the options that shape an archive, and the bytes of every jar: any change makes a new archive. */
    private static String key(Path java, List<Path> jars, List<String> jvmOptions) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((java.toRealPath() + "\n" + Runtime.version() + "\n" + String.join(" ", jvmOptions) + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[1 << 16];
            for (Path jar : jars) {
                digest.update((jar.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(jar)) {
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, read);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
