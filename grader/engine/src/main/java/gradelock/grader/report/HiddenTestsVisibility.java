package gradelock.grader.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When students see the results of hidden tests on Gradescope: one choice for every exercise, and any exercise's own.
 * On the command line each setting is {@code VALUE} (every exercise) or {@code ID=VALUE} (that exercise), VALUE being
 * one of Gradescope's visibilities.
 *
 * @param everyExercise the choice for exercises not named in {@code byExercise}
 * @param byExercise    each named exercise's own choice
 */
public record HiddenTestsVisibility(GradescopeVisibility everyExercise, Map<String, GradescopeVisibility> byExercise) {

    /** Today's default: hidden tests are shown like public ones, named as hidden, with their verdicts and explanations. */
    public static final HiddenTestsVisibility VISIBLE = new HiddenTestsVisibility(GradescopeVisibility.VISIBLE, Map.of());

    public HiddenTestsVisibility {
        byExercise = Map.copyOf(byExercise);
    }

    public GradescopeVisibility of(String exerciseId) {
        return byExercise.getOrDefault(exerciseId, everyExercise);
    }

    /**
     * The settings {@code VALUE} or {@code ID=VALUE}, in any order; none means {@link #VISIBLE}.
     *
     * @throws IllegalArgumentException for a value that is not one of Gradescope's, or an exercise (or every exercise)
     *                                  given twice, with a sentence that says which
     */
    public static HiddenTestsVisibility parse(List<String> settings) {
        GradescopeVisibility everyExercise = null;
        Map<String, GradescopeVisibility> byExercise = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            String exercise = equals < 0 ? null : setting.substring(0, equals).strip();
            String value = setting.substring(equals + 1).strip();
            GradescopeVisibility visibility = GradescopeVisibility.fromJsonName(value).orElseThrow(() -> new IllegalArgumentException(
                    "'" + value + "' is not one of Gradescope's visibilities (" + GradescopeVisibility.choices() + ") in '" + setting + "'"));
            if (exercise == null) {
                if (everyExercise != null) {
                    throw new IllegalArgumentException("a visibility for every exercise is given twice (" + everyExercise.jsonName() + " and "
                            + value + "): give one, and ID=VALUE for an exercise of its own");
                }
                everyExercise = visibility;
            } else if (exercise.isEmpty()) {
                throw new IllegalArgumentException("'" + setting + "' names no exercise before '=': write ID=VALUE, or VALUE alone for every exercise");
            } else if (byExercise.putIfAbsent(exercise, visibility) != null) {
                throw new IllegalArgumentException("exercise " + exercise + " is given a visibility twice");
            }
        }
        return new HiddenTestsVisibility(everyExercise == null ? GradescopeVisibility.VISIBLE : everyExercise, byExercise);
    }
}
