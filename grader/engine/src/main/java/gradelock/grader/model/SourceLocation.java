package gradelock.grader.model;

/**
 * A line of the submission's code, as a student would look it up.
 *
 * @param file the source file's path relative to the submission's root where known, else its file name
 */
public record SourceLocation(String file, int line, String className, String method) {

    /** {@code BoundedBuffer.java:42 (take)}: how reports print it. */
    @Override
    public String toString() {
        return file + ":" + line + " (" + method + ")";
    }

    public SourceLocation withFile(String newFile) {
        return new SourceLocation(newFile, line, className, method);
    }
}
