package gradelock.grader.execute;

import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.model.ExerciseSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An exercise made of one fixture class of {@code gradelock.fixtures}, graded against the fixtures' {@code Locks} as
 * its submission (already on the test JVM's class path, so the submission's own classes folder is empty): how the
 * engine's tests run fixtures through real test JVMs.
 */
final class FixtureExercise {

    private FixtureExercise() {
    }

    static ExerciseSpec of(String fixtureClass, int testTimeoutSeconds) {
        return new ExerciseSpec("fixture", "Fixture", "gradelock.fixtures", List.of("Locks"), List.of("gradelock.fixtures." + fixtureClass), List.of(),
                testTimeoutSeconds, 120, 0);
    }

    static CompiledSubmission submission(Path workDir) throws IOException {
        return new CompiledSubmission("fixture", Files.createDirectories(workDir.resolve("classes")), Map.of("gradelock.fixtures.Locks", "fixtures/Locks.java"));
    }
}
