package gradelock.grader.grade;

import gradelock.grader.execute.ForkMessage;
import gradelock.grader.execute.TestRuns;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.WaitingThread;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Decides each test's score: its points if every planned run passed, nothing otherwise. The verdict of a
 * test that did not pass is that of its first run that did not.
 */
public final class Scorer {

    private Scorer() {
    }

    public static TestOutcome score(ExerciseSpec exercise, TestRuns testRuns) {
        ForkMessage.PlannedTest test = testRuns.test();
        List<ForkMessage.RunFinished> runs = testRuns.runs();
        int passedRuns = (int) runs.stream().filter(run -> run.verdict() == Verdict.PASSED).count();
        long millis = runs.stream().mapToLong(ForkMessage.RunFinished::durationMillis).sum();
        long slowestRunMillis = runs.stream().mapToLong(ForkMessage.RunFinished::durationMillis).max().orElse(0);
        long busiestRunMillis = runs.stream().mapToLong(ForkMessage.RunFinished::busyMillis).max().orElse(0);
        Optional<ForkMessage.RunFinished> firstBad = runs.stream().filter(run -> run.verdict() != Verdict.PASSED).findFirst();

        Verdict verdict;
        String message;
        List<SourceLocation> locations = List.of();
        List<WaitingThread> waiting = List.of();
        if (firstBad.isPresent()) {
            ForkMessage.RunFinished bad = firstBad.get();
            verdict = bad.verdict();
            message = runs.size() > 1 || test.plannedRuns() > 1
                    ? "Run " + (runs.indexOf(bad) + 1) + " of " + test.plannedRuns() + ": " + bad.message()
                    : bad.message();
            locations = bad.locations();
            waiting = bad.waiting();
        } else if (runs.isEmpty() || passedRuns < test.plannedRuns() && testRuns.notRunReason() != null) {
            verdict = Verdict.NOT_RUN;
            message = testRuns.notRunReason() != null ? testRuns.notRunReason() : "Not run.";
        } else {
            verdict = Verdict.PASSED;
            message = null;
        }
        int score = verdict == Verdict.PASSED ? test.points() : 0;
        return new TestOutcome(test.name(), score, test.points(), verdict, exercise.visibilityOf(test.className()),
                runs.size(), passedRuns, millis, message, test.displayName(), locations, waiting, slowestRunMillis, busiestRunMillis);
    }
}
