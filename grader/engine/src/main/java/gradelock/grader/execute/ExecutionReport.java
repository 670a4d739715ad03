package gradelock.grader.execute;

import java.util.List;

/**
 * What running an exercise's tests gave.
 *
 * @param tests   every test method discovered, in order
 * @param problem why the tests could not run at all, or null
 * @param forks   how many test JVMs it took
 */
public record ExecutionReport(List<TestRuns> tests, String problem, int forks) {

    public ExecutionReport {
        tests = List.copyOf(tests);
    }
}
