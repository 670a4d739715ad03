package gradelock.grader.validate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.model.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds every variant of an exercise in a course repository: {@code solutions/<id>/src/main/java} (the reference),
 * {@code solutions/<id>/alternatives/*}, {@code exercises/<id>} (the stub) and {@code solutions/<id>/faulty/*}.
 */
public final class CourseVariants {

    /** The verdicts a bug can be caught with: not "passed", and not "not_run", which catches nothing. */
    private static final List<String> KNOWN_VERDICTS = Stream.of(Verdict.values())
            .filter(v -> v != Verdict.PASSED && v != Verdict.NOT_RUN).map(Verdict::jsonName).toList();
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The JSON shape of {@code expected.json}. */
    private record ExpectedFile(@JsonProperty("bug") String bug, @JsonProperty("expect") List<ExpectationEntry> expect) {
    }

    private record ExpectationEntry(@JsonProperty("test") String test, @JsonProperty("verdict") String verdict) {
    }

    private CourseVariants() {
    }

    public static List<Variant> of(Path courseRoot, String exerciseId) {
        Path solution = courseRoot.resolve("solutions").resolve(exerciseId);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(exerciseId, Variant.Kind.REFERENCE, "reference", solution.resolve("src/main/java"), Optional.empty(), null));
        for (Path folder : subfolders(solution.resolve("alternatives"))) {
            variants.add(new Variant(exerciseId, Variant.Kind.ALTERNATIVE, name(folder), folder, Optional.empty(), null));
        }
        variants.add(new Variant(exerciseId, Variant.Kind.STUB, "stub", courseRoot.resolve("exercises").resolve(exerciseId), Optional.empty(), null));
        for (Path folder : subfolders(solution.resolve("faulty"))) {
            variants.add(faulty(exerciseId, folder));
        }
        return List.copyOf(variants);
    }

    private static Variant faulty(String exerciseId, Path folder) {
        Path file = folder.resolve("expected.json");
        if (!Files.isRegularFile(file)) {
            return new Variant(exerciseId, Variant.Kind.FAULTY, name(folder), folder, Optional.empty(),
                    "it has no expected.json naming the tests that must catch it and their verdicts");
        }
        try {
            ExpectedFile read = JSON.readValue(file.toFile(), ExpectedFile.class);
            String problem = read.bug() == null || read.bug().isBlank() || read.bug().contains("\n") ? "its expected.json needs \"bug\": one line describing the bug"
                    : read.expect() == null || read.expect().isEmpty() ? "its expected.json names no test in \"expect\""
                    : read.expect().stream().anyMatch(e -> e.test() == null || e.verdict() == null) ? "every entry of \"expect\" in its expected.json needs \"test\" and \"verdict\""
                    : read.expect().stream().map(ExpectationEntry::verdict).filter(v -> !KNOWN_VERDICTS.contains(v)).findFirst()
                            .map(v -> "its expected.json names the verdict \"" + v + "\"; known: " + String.join(", ", KNOWN_VERDICTS)).orElse(null);
            if (problem != null) {
                return new Variant(exerciseId, Variant.Kind.FAULTY, name(folder), folder, Optional.empty(), problem);
            }
            List<Variant.Expectation> expectations = read.expect().stream()
                    .map(e -> new Variant.Expectation(e.test(), Verdict.fromJsonName(e.verdict()))).toList();
            return new Variant(exerciseId, Variant.Kind.FAULTY, name(folder), folder, Optional.of(new Variant.Expected(read.bug(), expectations)), null);
        } catch (JacksonException e) {
            return new Variant(exerciseId, Variant.Kind.FAULTY, name(folder), folder, Optional.empty(),
                    "its expected.json is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Path folder) {
        return folder.getFileName().toString();
    }

    private static List<Path> subfolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
