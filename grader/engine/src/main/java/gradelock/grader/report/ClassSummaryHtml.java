package gradelock.grader.report;

import gradelock.grader.batch.BatchGrader;
import gradelock.grader.batch.ClassSummary;
import gradelock.grader.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The class summary of {@code batch} as one self-contained page ({@code summary.html}): the score distribution as a
 * histogram, overall and per exercise; the tests the class lost most, with their verdicts: the bugs the class made most
 * often; and every student with their score and links to their reports. Links are relative to the page, so the
 * results folder can be moved or served as it is.
 */
public final class ClassSummaryHtml {

    private static final int MOST_LOST_SHOWN = 30;
    private static final String STYLE = "svg.histogram { max-width: 100%; height: auto; display: block; margin: .5rem 0; }\n";

    private ClassSummaryHtml() {
    }

    public static String toHtml(ClassSummary summary) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>gradelock: class summary</title>\n<style>\n").append(HtmlReport.STYLE).append(STYLE)
                .append("</style>\n</head>\n<body>\n")
                .append("<h1>Class summary</h1>\n<p>").append(summary.studentCount()).append(" students: ").append(summary.graded())
                .append(" graded, ").append(summary.notGraded()).append(" not graded (see their failure.txt).</p>\n");
        html.append("<p class=\"counted\">").append(Svg.escape(BatchProgress.counted(summary))).append("</p>\n");
        if (summary.graded() > 0 && summary.maxScore() > 0) {
            html.append("<h2 id=\"scores\">Scores (out of ").append(summary.maxScore()).append(")</h2>\n")
                    .append(Svg.histogram(summary.buckets(), summary.maxScore(), String.join(", ", exerciseIds(summary)))).append('\n');
            for (ClassSummary.ExerciseSpread exercise : summary.exercises()) {
                html.append("<h3 id=\"exercise-").append(Svg.escape(exercise.id())).append("\">").append(Svg.escape(exercise.id()))
                        .append(" (out of ").append(exercise.maxScore()).append(", submitted by ").append(exercise.submittedBy())
                        .append(" of ").append(summary.graded()).append(")</h3>\n")
                        .append(Svg.histogram(exercise.buckets(), exercise.maxScore(), exercise.id())).append('\n');
            }
        }
        html.append("<h2 id=\"lost\">Tests lost most often</h2>\n");
        if (summary.lostTests().isEmpty()) {
            html.append("<p>").append(Svg.escape(BatchProgress.noTestLost(summary))).append("</p>\n");
        } else {
            html.append("<table>\n<thead><tr><th>exercise</th><th>test</th><th>lost by</th><th>verdicts</th></tr></thead>\n<tbody>\n");
            summary.lostTests().stream().limit(MOST_LOST_SHOWN).forEach(test -> html.append("<tr><td>").append(Svg.escape(test.exerciseId()))
                    .append("</td><td>").append(Svg.escape(test.test())).append("</td><td class=\"points\">").append(test.lostBy())
                    .append("</td><td>").append(Svg.escape(verdicts(test.verdicts()))).append("</td></tr>\n"));
            html.append("</tbody>\n</table>\n");
        }
        appendStudents(html, summary);
        return html.append("</body>\n</html>\n").toString();
    }

    private static void appendStudents(StringBuilder html, ClassSummary summary) {
        html.append("<h2 id=\"students\">Students</h2>\n<table class=\"students\">\n<thead><tr><th>student</th><th>score</th><th>%</th>")
                .append("<th>reports</th></tr></thead>\n<tbody>\n");
        for (ClassSummary.Student student : summary.students()) {
            html.append("<tr><td>").append(Svg.escape(student.student())).append("</td>");
            if (student.graded()) {
                html.append("<td class=\"points\">").append(student.score()).append('/').append(student.maxScore())
                        .append("</td><td class=\"points\">").append(summary.maxScore() == 0 ? "–" : student.percent() + "%").append("</td><td>")
                        .append(link(student, BatchGrader.HTML_REPORT_FILE)).append(' ').append(link(student, BatchGrader.REPORT_FILE))
                        .append(' ').append(link(student, BatchGrader.RESULT_FILE));
            } else {
                html.append("<td colspan=\"2\" class=\"status\">not graded</td><td>").append(link(student, BatchGrader.FAILURE_FILE))
                        .append(": ").append(Svg.escape(student.failure()));
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** A link to one of the student's files, relative to the summary (which sits beside the students' folders). */
    private static String link(ClassSummary.Student student, String file) {
        return "<a href=\"" + pathSegment(student.student()) + "/" + pathSegment(file) + "\">" + Svg.escape(file) + "</a>";
    }

    /**
     * A name as one segment of a relative URL: every UTF-8 byte but letters, digits and {@code -._~} percent-encoded, so
     * that a space, a {@code #}, a {@code ?}, a {@code :} (which would start a scheme) or a Chinese name still names the folder.
     */
    static String pathSegment(String name) {
        StringBuilder segment = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                segment.append(c);
            } else {
                segment.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return segment.toString();
    }

    private static List<String> exerciseIds(ClassSummary summary) {
        return summary.exercises().stream().map(ClassSummary.ExerciseSpread::id).toList();
    }

    private static String verdicts(Map<Verdict, Integer> verdicts) {
        return verdicts.entrySet().stream().sorted(Map.Entry.<Verdict, Integer>comparingByValue().reversed())
                .map(entry -> entry.getKey().jsonName() + " " + entry.getValue()).collect(Collectors.joining(", "));
    }
}
