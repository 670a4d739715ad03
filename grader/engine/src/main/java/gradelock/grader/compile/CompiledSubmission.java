package gradelock.grader.compile;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A submission's classes, ready to run.
 *
 * @param classesDir     the compiled classes
 * @param sourceByClass  each top-level class's source file, relative to the submission's root
 */
public record CompiledSubmission(String exerciseId, Path classesDir, Map<String, String> sourceByClass) {

    public CompiledSubmission {
        sourceByClass = Map.copyOf(sourceByClass);
    }

    public Set<String> classNames() {
        return sourceByClass.keySet();
    }
}
