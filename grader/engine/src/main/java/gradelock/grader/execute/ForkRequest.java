package gradelock.grader.execute;

import gradelock.grader.model.CalibratedLimits;
import java.util.List;
import java.util.Map;

/**
 * What the grader asks of one test JVM, sent on its standard input before any test code is loaded.
 *
 * @param token            proves to the grader that a connection comes from this fork's runtime
 * @param channel          the grader's Unix-domain socket for results: a file, so it reaches the grader from a test JVM
 *                         that has no network but loopback
 * @param testClasses      the test classes to run, when {@code selectedTests} is empty
 * @param selectedTests    unique ids of the test methods still to run, after an earlier fork was ended
 * @param onlyTests        if not empty, run only the test methods of these names ({@code Class.method}, as reports name them)
 * @param sourceByClass    the submission's classes and their source files, to name the student's lines
 * @param testTimeoutMillis a test's time limit unless it declares its own
 * @param stallMillis      how long every thread of a test must wait before the verdict is {@code stalled}
 * @param checkLeaks       whether a passed test that leaves threads or child processes running is {@code leaked}
 * @param limits           each test's limit calibrated from the reference ({@code Class.method} to its limit), where known
 */
public record ForkRequest(
        String token,
        String channel,
        List<String> testClasses,
        List<String> selectedTests,
        List<String> onlyTests,
        Map<String, String> sourceByClass,
        long testTimeoutMillis,
        long stallMillis,
        boolean checkLeaks,
        Map<String, CalibratedLimits.TestLimit> limits) {

    public ForkRequest {
        testClasses = List.copyOf(testClasses);
        selectedTests = List.copyOf(selectedTests);
        onlyTests = List.copyOf(onlyTests);
        sourceByClass = Map.copyOf(sourceByClass);
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }
}
