package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether students have the test's code (public tests ship with the exercise; hidden ones never do). */
public enum Visibility {
    VISIBLE,
    HIDDEN;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
