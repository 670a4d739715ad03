package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How far grading of one exercise got. */
public enum ExerciseStatus {
    GRADED,
    COMPILE_ERROR,
    MISSING,
    /** The submission uses something the grading policy forbids; none of its code was run. */
    POLICY_VIOLATION,
    /** The grader could not finish this exercise (it reports why); the other exercises are unaffected. */
    CRASHED,
    /** Grading stopped before this exercise's turn (at its deadline, say); none of its tests ran. The message says why. */
    NOT_RUN;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
