package gradelock.grader.batch;

/** Hears how a batch goes, student by student; every method does nothing unless overridden. */
public interface BatchObserver {

    default void batchStarted(int students, int toGrade, int jobs) {
    }

    default void studentFinished(StudentResult result, int done, int toGrade) {
    }

    /** Every student is done: {@code summary} is the class's, students included. */
    default void batchFinished(ClassSummary summary) {
    }
}
