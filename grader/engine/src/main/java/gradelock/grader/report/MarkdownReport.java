package gradelock.grader.report;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Visibility;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code --markdown}: a summary for {@code $GITHUB_STEP_SUMMARY} or a pull-request comment. A table of the
 * exercises, then, per exercise that lost points, each test that lost them with its verdict and, folded, the
 * explanation a student can act on.
 */
public final class MarkdownReport extends ReportFile {

    public MarkdownReport(Path file) {
        super(file);
    }

    @Override
    String render(GradingResult result) {
        return toMarkdown(result);
    }

    public static String toMarkdown(GradingResult result) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## gradelock: %d/%d%n%n", result.score(), result.maxScore()));
        md.append("| exercise | score | status |\n|---|---:|---|\n");
        for (ExerciseOutcome exercise : result.exercises()) {
            md.append("| ").append(cell(exercise.id())).append(" | ").append(exercise.score()).append('/').append(exercise.maxScore())
                    .append(" | ").append(exercise.status() == ExerciseStatus.GRADED ? lostSummary(exercise) : Failures.status(exercise))
                    .append(" |\n");
        }
        for (ExerciseOutcome exercise : result.exercises()) {
            List<TestOutcome> lost = exercise.tests().stream().filter(t -> !t.passed()).toList();
            if (exercise.status() == ExerciseStatus.GRADED && lost.isEmpty()) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "%n### %s: %d/%d%n%n", exercise.id(), exercise.score(), exercise.maxScore()));
            if (exercise.status() != ExerciseStatus.GRADED) {
                md.append("**").append(Failures.status(exercise)).append("**\n\n").append(fenced(exercise.message()));
                continue;
            }
            md.append("| test | points | verdict |\n|---|---:|---|\n");
            for (TestOutcome test : lost) {
                md.append("| `").append(test.name()).append('`').append(test.visibility() == Visibility.HIDDEN ? " (hidden)" : "")
                        .append(" | ").append(test.score()).append('/').append(test.maxScore())
                        .append(" | ").append(cell(Failures.verdictWithRuns(test))).append(" |\n");
            }
            for (TestOutcome test : lost) {
                md.append("\n<details><summary><code>").append(html(test.name())).append("</code>: ").append(test.verdict().jsonName())
                        .append("</summary>\n\n").append(fenced(test.message())).append("</details>\n");
            }
        }
        return md.toString();
    }

    private static String lostSummary(ExerciseOutcome exercise) {
        long lost = exercise.tests().stream().filter(t -> !t.passed()).count();
        return lost == 0 ? "all " + exercise.tests().size() + " tests passed" : lost + " of " + exercise.tests().size() + " tests lost points";
    }

    /** A code block that the message cannot close early, however many backticks it holds. */
    private static String fenced(String message) {
        String text = message == null || message.isBlank() ? "(no message)" : message.strip();
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        return fence + "\n" + text + "\n" + fence + "\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
