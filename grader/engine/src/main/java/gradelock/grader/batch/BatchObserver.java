package gradelock.grader.batch;

import java.util.List;

/** Hears how a batch goes, student by student; every method does nothing unless overridden. */
public interface BatchObserver {

    default void batchStarted(int students, int toGrade, int jobs) {
    }

    default void studentFinished(StudentResult result, int done, int toGrade) {
    }

    default void batchFinished(List<StudentResult> results) {
    }
}
