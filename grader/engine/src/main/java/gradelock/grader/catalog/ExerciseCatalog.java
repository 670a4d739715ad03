package gradelock.grader.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.model.ExerciseSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The exercises this grader knows: one descriptor per exercise, at {@value #DESCRIPTOR} inside the jar
 * that holds the exercise's tests.
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
        try (InputStream in = url.openStream()) {
            return json.readValue(in, ExerciseSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("exercise descriptor " + url + " is not valid: " + e.getMessage(), e);
        }
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
