package gradelock.grader.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.model.CalibratedLimits;
import gradelock.grader.model.ExerciseSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The exercises this grader knows: one descriptor per exercise, at {@value #DESCRIPTOR} inside the jar
 * that holds the exercise's tests, with its tests' calibrated limits beside it ({@link CalibratedLimits#FILE_NAME}) where
 * they have been calibrated.
 */
public final class ExerciseCatalog {

    public static final String DESCRIPTOR = "META-INF/gradelock/exercise.json";

    private final List<ExerciseSpec> exercises;

    private ExerciseCatalog(List<ExerciseSpec> exercises) {
        this.exercises = exercises.stream().sorted(Comparator.comparing(ExerciseSpec::id)).toList();
    }

    public static ExerciseCatalog of(List<ExerciseSpec> exercises) {
        return new ExerciseCatalog(exercises);
    }

    /** Every descriptor on the class path of the given loader. */
    public static ExerciseCatalog fromClassPath(ClassLoader loader) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        try {
            List<ExerciseSpec> specs = Collections.list(loader.getResources(DESCRIPTOR)).stream()
                    .map(url -> read(json, url))
                    .toList();
            return new ExerciseCatalog(specs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the exercise descriptors on the class path", e);
        }
    }

    private static ExerciseSpec read(ObjectMapper json, URL url) {
        ExerciseSpec spec;
        try (InputStream in = url.openStream()) {
            spec = json.readValue(in, ExerciseSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("exercise descriptor " + url + " is not valid: " + e.getMessage(), e);
        }
        return spec.withLimits(limitsBeside(json, url));
    }

    private static CalibratedLimits limitsBeside(ObjectMapper json, URL descriptor) {
        URL limits;
        try {
            // a jar: URL is opaque to URI.resolve, so the sibling is named by hand
            String path = descriptor.toString();
            limits = URI.create(path.substring(0, path.lastIndexOf('/') + 1) + CalibratedLimits.FILE_NAME).toURL();
        } catch (IOException | IllegalArgumentException e) {
            return CalibratedLimits.NONE;
        }
        try (InputStream in = limits.openStream()) {
            return json.readValue(in, CalibratedLimits.class);
        } catch (FileNotFoundException | NoSuchFileException notCalibrated) {
            return CalibratedLimits.NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("calibrated limits " + limits + " are not valid: " + e.getMessage(), e);
        }
    }

    /** The same exercises with no calibrated limits: each test has only its ceiling. */
    public ExerciseCatalog withoutLimits() {
        return new ExerciseCatalog(exercises.stream().map(exercise -> exercise.withLimits(CalibratedLimits.NONE)).toList());
    }

    public List<ExerciseSpec> all() {
        return exercises;
    }

    public Optional<ExerciseSpec> find(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return exercises.stream().map(ExerciseSpec::id).toList();
    }
}
