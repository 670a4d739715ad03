package gradelock.grader.batch;

import gradelock.grader.model.GradingResult;

/**
 * What batch grading got for one student: a grading, or the reason the grader could not grade the submission.
 *
 * @param skipped true if the result was read back from an earlier batch rather than graded now
 */
public record StudentResult(String student, GradingResult result, String failure, boolean skipped) {

    static StudentResult graded(String student, GradingResult result, boolean skipped) {
        return new StudentResult(student, result, null, skipped);
    }

    static StudentResult failed(String student, String failure) {
        return new StudentResult(student, null, failure, false);
    }

    public boolean graded() {
        return result != null;
    }
}
