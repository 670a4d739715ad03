package gradelock.grader.policy;

/**
 * A use of something the grading policy forbids, where the submission makes it.
 *
 * @param file the submission's source file, as reports name it
 * @param line the line of that use, or 0 when the class file does not say
 * @param what what is used, in words ({@code System.exit(int)})
 */
public record PolicyViolation(PolicyRule rule, String file, int line, String className, String what) {

    /** {@code boundedbuffer/BoundedBuffer.java:42: calls System.exit, which ... (no-exit)}: a compile error's shape. */
    @Override
    public String toString() {
        return file + ":" + line + ": uses " + what + ", which the grading policy forbids: " + rule.reason() + " (" + rule.id() + ")";
    }
}
