package gradelock.grader.validate;

import gradelock.grader.model.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One implementation of an exercise whose grade is known in advance: the reference and the alternatives must get
 * full marks, the stub nothing, and a faulty variant must lose each test its {@code expected.json} names with the
 * verdict it names.
 *
 * @param expected for a faulty variant, what its {@code expected.json} says; empty for the other kinds, and for a
 *                 faulty variant whose file is missing or unreadable (see {@code problem})
 * @param problem  why the variant cannot be validated as it stands (a missing or malformed expected.json), or null
 */
public record Variant(String exerciseId, Kind kind, String name, Path folder, Optional<Expected> expected, String problem) {

    public enum Kind {
        REFERENCE, ALTERNATIVE, STUB, FAULTY
    }

    /** A faulty variant's {@code expected.json}. */
    public record Expected(String bug, List<Expectation> expect) {

        public Expected {
            expect = List.copyOf(expect);
        }
    }

    /** One test that must catch the bug, and the verdict it must give. */
    public record Expectation(String test, Verdict verdict) {
    }

    /** {@code bounded-buffer/faulty/lifo}, how reports name it. */
    public String label() {
        return switch (kind) {
            case REFERENCE -> exerciseId + "/reference";
            case STUB -> exerciseId + "/stub";
            case ALTERNATIVE -> exerciseId + "/alternatives/" + name;
            case FAULTY -> exerciseId + "/faulty/" + name;
        };
    }
}
