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
        List<SourceLocation> locations = frames.innermost(stackOf(failure)).map(List::of).orElse(List.of());
        String message = messageOf(failure);
        if (failure instanceof TimeoutException && String.valueOf(message).contains("timed out after")) {
            return new Classified(Verdict.TIMEOUT, "Timed out: " + message.replaceFirst("^\\S+\\(\\S*\\) ", "the test ") + ".", locations);
        }
        if (failure instanceof AssertionError) {
            return new Classified(Verdict.FAILED, truncate(String.valueOf(message).strip()), locations);
        }
        return new Classified(Verdict.ERROR, truncate(describeError(failure, message, locations)), locations);
    }

    /**
     * A failure's message, read without trusting it: an exception class of the submission's may override
     * {@code getMessage} to recurse without end, throw, or return megabytes, and this runs in the grader's listener.
     */
    static String messageOf(Throwable failure) {
        try {
            String message = failure.getMessage();
            return message == null ? null : truncate(message);
        } catch (Throwable unreadable) { // a StackOverflowError from a message that calls itself, included
            return "(its message could not be read: reading it threw " + unreadable.getClass().getSimpleName() + ")";
        }
    }

    /** A failure's stack, read without trusting it, like {@link #messageOf}; empty if it cannot be read. */
    static StackTraceElement[] stackOf(Throwable failure) {
        try {
            StackTraceElement[] stack = failure.getStackTrace();
            return stack == null ? new StackTraceElement[0] : stack;
        } catch (Throwable unreadable) {
            return new StackTraceElement[0];
        }
    }

    private static String describeError(Throwable failure, String message, List<SourceLocation> locations) {
        String where = locations.isEmpty() ? "" : " at " + locations.get(0);
        String what = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        if (failure instanceof LinkageError) {
            return "Your code does not match the exercise's API (" + what + "). Keep the stub's public classes and signatures exactly.";
        }
        return "Unexpected " + what + where + ".";
    }

    static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + " ... (cut)";
    }
}
