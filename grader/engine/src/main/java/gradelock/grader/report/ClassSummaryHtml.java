package gradelock.grader.report;

import gradelock.grader.batch.ClassSummary;
import gradelock.grader.model.Verdict;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The class summary of {@code batch} as one self-contained page ({@code summary.html}): the score distribution as a
 * histogram, and the tests the class lost most, with their verdicts: the bugs the class made most often.
 */
public final class ClassSummaryHtml {

    private static final int MOST_LOST_SHOWN = 30;

    private ClassSummaryHtml() {
    }

    public static String toHtml(ClassSummary summary) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>gradelock: class summary</title>\n<style>\n").append(HtmlReport.STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>Class summary</h1>\n<p>").append(summary.students()).append(" students: ").append(summary.graded())
                .append(" graded, ").append(summary.notGraded()).append(" not graded (see their failure.txt).</p>\n");
        if (summary.graded() > 0) {
            html.append("<h2>Scores (out of ").append(summary.maxScore()).append(")</h2>\n")
                    .append(Svg.histogram(summary.buckets(), summary.maxScore())).append('\n');
        }
        html.append("<h2>Tests lost most often</h2>\n");
        if (summary.lostTests().isEmpty()) {
            html.append("<p>No test was lost.</p>\n");
        } else {
            html.append("<table>\n<thead><tr><th>exercise</th><th>test</th><th>lost by</th><th>verdicts</th></tr></thead>\n<tbody>\n");
            summary.lostTests().stream().limit(MOST_LOST_SHOWN).forEach(test -> html.append("<tr><td>").append(Svg.escape(test.exerciseId()))
                    .append("</td><td>").append(Svg.escape(test.test())).append("</td><td class=\"points\">").append(test.lostBy())
                    .append("</td><td>").append(Svg.escape(verdicts(test.verdicts()))).append("</td></tr>\n"));
            html.append("</tbody>\n</table>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String verdicts(Map<Verdict, Integer> verdicts) {
        return verdicts.entrySet().stream().sorted(Map.Entry.<Verdict, Integer>comparingByValue().reversed())
                .map(entry -> entry.getKey().jsonName() + " " + entry.getValue()).collect(Collectors.joining(", "));
    }
}
