package gradelock.grader.discover;

import java.io.IOException;

/** A submission that cannot be read at all, such as a {@code .zip} that is not one: the hand-in's fault, not the grader's. */
public final class UnreadableSubmissionException extends IOException {

    public UnreadableSubmissionException(String message) {
        super(message);
    }
}
