package gradelock.grader;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import gradelock.grader.model.Visibility;
import gradelock.grader.report.GradingObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exercises graded at the same time reach reporters one after another, in the course's order. */
class InOrderRelayTests {

    private static final ExerciseSpec FIRST = spec("first");
    private static final ExerciseSpec SECOND = spec("second");
    private static final ExerciseSpec THIRD = spec("third");

    private final List<String> heard = new ArrayList<>();
    private final InOrderRelay relay = new InOrderRelay(new GradingObserver() {
        @Override
        public void exerciseStarted(ExerciseSpec exercise) {
            heard.add(exercise.id() + " started");
        }

        @Override
        public void testGraded(ExerciseSpec exercise, TestOutcome test) {
            heard.add(exercise.id() + " " + test.name());
        }

        @Override
        public void exerciseGraded(ExerciseSpec exercise, ExerciseOutcome outcome) {
            heard.add(exercise.id() + " graded");
        }
    }, 3);

    @Test
    void theFirstExerciseStreamsAndLaterOnesWaitForEveryExerciseBeforeThem() {
        GradingObserver first = relay.forExercise(0);
        GradingObserver second = relay.forExercise(1);
        GradingObserver third = relay.forExercise(2);

        first.exerciseStarted(FIRST);
        second.exerciseStarted(SECOND);
        third.exerciseStarted(THIRD);
        third.testGraded(THIRD, test("c"));
        third.exerciseGraded(THIRD, outcome(THIRD));
        first.testGraded(FIRST, test("a"));
        assertThat(heard).as("while the first is still being graded").containsExactly("first started", "first a");

        second.testGraded(SECOND, test("b"));
        first.exerciseGraded(FIRST, outcome(FIRST));
        assertThat(heard).as("once the first is done, the second's events so far").containsExactly(
                "first started", "first a", "first graded", "second started", "second b");

        second.exerciseGraded(SECOND, outcome(SECOND));
        assertThat(heard).as("once the second is done, the third, already finished, follows whole").containsExactly(
                "first started", "first a", "first graded", "second started", "second b", "second graded",
                "third started", "third c", "third graded");
    }

    private static ExerciseSpec spec(String id) {
        return new ExerciseSpec(id, id, id, List.of("A"), List.of(id + ".ATests"), List.of(), 10, 120, 1);
    }

    private static TestOutcome test(String name) {
        return new TestOutcome(name, 1, 1, Verdict.PASSED, Visibility.VISIBLE, 1, 1, 5, null, name, List.of());
    }

    private static ExerciseOutcome outcome(ExerciseSpec exercise) {
        return ExerciseOutcome.ungraded(exercise.id(), 1, ExerciseStatus.MISSING, "none");
    }
}
