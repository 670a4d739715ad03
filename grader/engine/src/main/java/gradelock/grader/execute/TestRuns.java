package gradelock.grader.execute;

import java.util.List;

/**
 * Everything that happened to one test method across forks: its runs, or why it never ran.
 *
 * @param notRunReason why the test never completed, or null
 */
public record TestRuns(ForkMessage.PlannedTest test, List<ForkMessage.RunFinished> runs, String notRunReason) {

    public TestRuns {
        runs = List.copyOf(runs);
    }
}
