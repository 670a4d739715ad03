package gradelock.grader.compile;

/** One compiler error, where a student would look for it. */
public record CompileDiagnostic(String file, long line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
