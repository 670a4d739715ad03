package gradelock.grader.report;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Visibility;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code --html}: one self-contained page (no scripts, no external files) with the total, each exercise's score
 * as a bar, a table per exercise, and each lost test's explanation, with the wait-for graph of a deadlock or a stall
 * drawn, for a student or an instructor to open in a browser.
 */
public final class HtmlReport extends ReportFile {

    static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 70rem; color: #1b1f24; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
            th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
            td.points { text-align: right; white-space: nowrap; }
            tr.passed td.verdict { color: #1a7f37; }
            tr.lost td.verdict { color: #cf222e; font-weight: 600; }
            pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; white-space: pre-wrap; margin: .3rem 0; }
            .status { color: #cf222e; font-weight: 600; }
            svg text { font-family: system-ui, sans-serif; }
            svg.bar { vertical-align: middle; margin-right: .5rem; }
            svg.wait-for { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
            """;

    public HtmlReport(Path file) {
        super(file);
    }

    @Override
    String render(GradingResult result) {
        return toHtml(result);
    }

    public static String toHtml(GradingResult result) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>gradelock: ").append(result.score()).append('/').append(result.maxScore()).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append(String.format(Locale.ROOT, "<h1 id=\"total\">gradelock: %d/%d</h1>%n<p>Graded in %.1f s.</p>%n",
                        result.score(), result.maxScore(), result.durationMillis() / 1000.0));
        html.append("<table class=\"scores\">\n<tbody>\n");
        for (ExerciseOutcome exercise : result.exercises()) {
            html.append("<tr><td><a href=\"#").append(escape(exercise.id())).append("\">").append(escape(exercise.id())).append("</a></td><td>")
                    .append(Svg.scoreBar(exercise.score(), exercise.maxScore())).append(exercise.score()).append('/').append(exercise.maxScore())
                    .append(exercise.status() == ExerciseStatus.GRADED ? "" : " <span class=\"status\">" + escape(Failures.status(exercise)) + "</span>")
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        for (ExerciseOutcome exercise : result.exercises()) {
            html.append("<section class=\"exercise\" id=\"").append(escape(exercise.id())).append("\">\n<h2>")
                    .append(escape(exercise.id())).append(": ").append(exercise.score()).append('/').append(exercise.maxScore()).append("</h2>\n");
            if (exercise.status() != ExerciseStatus.GRADED) {
                html.append("<p class=\"status\">").append(escape(Failures.status(exercise))).append("</p>\n<pre>")
                        .append(escape(exercise.message() == null ? "" : exercise.message())).append("</pre>\n</section>\n");
                continue;
            }
            html.append("<table>\n<thead><tr><th>test</th><th>points</th><th>verdict</th></tr></thead>\n<tbody>\n");
            for (TestOutcome test : exercise.tests()) {
                html.append("<tr class=\"").append(test.passed() ? "passed" : "lost").append("\"><td>").append(escape(test.name()))
                        .append(test.visibility() == Visibility.HIDDEN ? " <small>(hidden)</small>" : "")
                        .append("</td><td class=\"points\">").append(test.score()).append('/').append(test.maxScore())
                        .append("</td><td class=\"verdict\">").append(escape(Failures.verdictWithRuns(test))).append("</td></tr>\n");
                if (!test.passed() && test.message() != null) {
                    html.append("<tr class=\"explanation\"><td colspan=\"3\"><pre>").append(escape(test.message())).append("</pre>")
                            .append(test.waiting().isEmpty() ? "" : Svg.waitForGraph(test.waiting())).append("</td></tr>\n");
                }
            }
            html.append("</tbody>\n</table>\n</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String escape(String text) {
        return Svg.escape(text);
    }
}
