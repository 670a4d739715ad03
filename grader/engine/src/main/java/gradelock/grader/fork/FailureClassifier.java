package gradelock.grader.fork;

import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.Verdict;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Names the verdict of a run that JUnit reports as failed, with a message a student can act on. */
final class FailureClassifier {

    private static final int MAX_MESSAGE = 2_000;

    record Classified(Verdict verdict, String message, List<SourceLocation> locations) {
    }

    private final SubmissionFrames frames;

    FailureClassifier(SubmissionFrames frames) {
        this.frames = frames;
    }

    Classified classify(Throwable failure) {
        List<SourceLocation> locations = frames.innermost(failure.getStackTrace()).map(List::of).orElse(List.of());
        if (failure instanceof TimeoutException && String.valueOf(failure.getMessage()).contains("timed out after")) {
            return new Classified(Verdict.TIMEOUT, "Timed out: " + failure.getMessage().replaceFirst("^\\S+\\(\\S*\\) ", "the test ") + ".", locations);
        }
        if (failure instanceof AssertionError) {
            return new Classified(Verdict.FAILED, truncate(String.valueOf(failure.getMessage()).strip()), locations);
        }
        return new Classified(Verdict.ERROR, truncate(describeError(failure, locations)), locations);
    }

    private static String describeError(Throwable failure, List<SourceLocation> locations) {
        String where = locations.isEmpty() ? "" : " at " + locations.get(0);
        String what = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (failure instanceof LinkageError) {
            return "Your code does not match the exercise's API (" + what + "). Keep the stub's public classes and signatures exactly.";
        }
        return "Unexpected " + what + where + ".";
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + " ... (cut)";
    }
}
