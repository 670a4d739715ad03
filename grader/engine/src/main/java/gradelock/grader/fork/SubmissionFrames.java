package gradelock.grader.fork;

import gradelock.grader.model.SourceLocation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Picks the submission's own lines out of stack traces, so reports point where a student can act. */
final class SubmissionFrames {

    private final Map<String, String> sourceByClass;

    SubmissionFrames(Map<String, String> sourceByClass) {
        this.sourceByClass = sourceByClass;
    }

    boolean isSubmissionClass(String className) {
        return sourceByClass.containsKey(className);
    }

    /** The innermost frame of the submission's code, if the stack passes through it. */
    Optional<SourceLocation> innermost(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(frame -> isSubmissionClass(frame.getClassName())).findFirst().map(this::locationOf);
    }

    List<SourceLocation> all(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(frame -> isSubmissionClass(frame.getClassName())).map(this::locationOf).toList();
    }

    private SourceLocation locationOf(StackTraceElement frame) {
        String file = sourceByClass.getOrDefault(frame.getClassName(), frame.getFileName());
        String method = frame.getMethodName().equals("<init>") ? "constructor" : frame.getMethodName();
        return new SourceLocation(file, frame.getLineNumber(), frame.getClassName(), method);
    }
}
