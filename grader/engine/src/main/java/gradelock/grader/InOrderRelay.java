package gradelock.grader;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.report.GradingObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes on what exercises graded at the same time report, as if they had been graded one after another: the first
 * unfinished exercise's events go through as they happen, and a later one's wait until every exercise before it is
 * done. Reporters, which print as they hear, so see one exercise at a time, in the course's order.
 */
final class InOrderRelay {

    private final GradingObserver observer;
    private final List<List<Runnable>> waiting = new ArrayList<>();
    private final boolean[] done;
    private int head;

    InOrderRelay(GradingObserver observer, int exercises) {
        this.observer = observer;
        this.done = new boolean[exercises];
        for (int i = 0; i < exercises; i++) {
            waiting.add(new ArrayList<>());
        }
    }

    /** What the exercise at {@code index} (in the order graded) reports through. */
    GradingObserver forExercise(int index) {
        return new GradingObserver() {
            @Override
            public void exerciseStarted(ExerciseSpec exercise) {
                relay(index, () -> observer.exerciseStarted(exercise));
            }

            @Override
            public void testGraded(ExerciseSpec exercise, TestOutcome test) {
                relay(index, () -> observer.testGraded(exercise, test));
            }

            @Override
            public void exerciseGraded(ExerciseSpec exercise, ExerciseOutcome outcome) {
                relay(index, () -> observer.exerciseGraded(exercise, outcome));
                finish(index);
            }
        };
    }

    private synchronized void relay(int index, Runnable event) {
        if (index == head) {
            event.run();
        } else {
            waiting.get(index).add(event);
        }
    }

    private synchronized void finish(int index) {
        done[index] = true;
        while (head < done.length && done[head]) {
            head++;
            if (head < done.length) {
                waiting.get(head).forEach(Runnable::run);
                waiting.get(head).clear();
            }
        }
    }
}
