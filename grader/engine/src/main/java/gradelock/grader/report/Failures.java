package gradelock.grader.report;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.TestOutcome;

/** Wording shared by the reports for a test or an exercise that did not pass. */
final class Failures {

    private Failures() {
    }

    /** The first line of a message, or what stands for none. */
    static String headline(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return message.lines().findFirst().orElse("").strip();
    }

    /** {@code stalled (3/12 runs passed)}, or just the verdict for a test that ran once. */
    static String verdictWithRuns(TestOutcome test) {
        return test.verdict().jsonName() + (test.runs() > 1 ? " (" + test.passedRuns() + "/" + test.runs() + " runs passed)" : "");
    }

    /** {@code BoundedBufferHiddenTests} of {@code BoundedBufferHiddenTests.holdsExactlyCapacityItems}. */
    static String testClass(TestOutcome test) {
        int dot = test.name().lastIndexOf('.');
        return dot < 0 ? "" : test.name().substring(0, dot);
    }

    static String testMethod(TestOutcome test) {
        return test.name().substring(test.name().lastIndexOf('.') + 1);
    }

    /** {@code compile error} for {@code compile_error}. */
    static String status(ExerciseOutcome exercise) {
        return exercise.status().jsonName().replace('_', ' ');
    }
}
