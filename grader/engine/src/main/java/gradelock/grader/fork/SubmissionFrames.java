package gradelock.grader.fork;

import gradelock.grader.model.SourceLocation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Picks the submission's own lines out of stack traces, so reports point where a student can act. */
public final class SubmissionFrames {

    private static final String APPLICATION_LOADER = "app";

    private final Map<String, String> sourceByClass;

    public SubmissionFrames(Map<String, String> sourceByClass) {
        this.sourceByClass = sourceByClass;
    }

    boolean isSubmissionClass(String className) {
        return sourceByClass.containsKey(className);
    }

    /**
     * The submission is on the fork's class path, so its frames come from the application class loader. A test may load
     * a class of the same name through a loader of its own (a test-owned stand-in for one of the student's classes);
     * those lines are not the student's, whatever the class is called.
     */
    public boolean isSubmissionFrame(StackTraceElement frame) {
        String loader = frame.getClassLoaderName();
        return isSubmissionClass(frame.getClassName()) && (loader == null || loader.equals(APPLICATION_LOADER));
    }

    /** The innermost frame of the submission's code, if the stack passes through it. */
    public Optional<SourceLocation> innermost(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(this::isSubmissionFrame).findFirst().map(this::locationOf);
    }

    List<SourceLocation> all(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(this::isSubmissionFrame).map(this::locationOf).toList();
    }

    private SourceLocation locationOf(StackTraceElement frame) {
        String file = sourceByClass.getOrDefault(frame.getClassName(), frame.getFileName());
        String method = frame.getMethodName().equals("<init>") ? "constructor" : frame.getMethodName();
        return new SourceLocation(file, frame.getLineNumber(), frame.getClassName(), method);
    }
}
