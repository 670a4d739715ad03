package gradelock.grader.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When Gradescope shows a test's result to the student: its own four {@code visibility} values. Instructors always see
 * every test. Gradescope hides the total score from a student while any test worth points is {@code after_due_date} or
 * {@code after_published}; a {@code hidden} test never shows, but its points count in the total the student sees.
 */
public enum GradescopeVisibility {
    /** Always shown (gradelock's default for hidden tests: named "(hidden test)", with the verdict and explanation). */
    VISIBLE,
    /** Shown once the assignment's due date (or late due date) has passed. */
    AFTER_DUE_DATE,
    /** Shown once the instructor publishes the grades. */
    AFTER_PUBLISHED,
    /** Never shown to the student. */
    HIDDEN;

    /** The value as Gradescope spells it: {@code after_due_date}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value Gradescope spells so, if it is one. */
    public static Optional<GradescopeVisibility> fromJsonName(String name) {
        return Arrays.stream(values()).filter(value -> value.jsonName().equals(name)).findFirst();
    }

    /** {@code visible, after_due_date, after_published, hidden}, for messages that list the choices. */
    public static String choices() {
        return Arrays.stream(values()).map(GradescopeVisibility::jsonName).collect(Collectors.joining(", "));
    }
}
