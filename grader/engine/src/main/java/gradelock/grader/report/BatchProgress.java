package gradelock.grader.report;

import gradelock.grader.batch.BatchGrader;
import gradelock.grader.batch.BatchObserver;
import gradelock.grader.batch.ClassSummary;
import gradelock.grader.batch.StudentResult;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.Verdict;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a batch as it goes (a bar, the student just finished, and an estimate of the time left from the average so
 * far) and, at the end, the class summary. {@link #summary} renders the summary alone, for {@code summary.txt}.
 */
public final class BatchProgress implements BatchObserver {

    private static final int BAR_WIDTH = 20;
    private static final int TESTS_LISTED = 15;

    private final PrintWriter out;
    private long startNanos;
    private int skipped;

    public BatchProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void batchStarted(int students, int toGrade, int jobs) {
        startNanos = System.nanoTime();
        skipped = students - toGrade;
        out.printf("%d students: %d to grade, %d at a time%s%n", students, toGrade, jobs,
                skipped == 0 ? "" : ", " + skipped + " graded before (--force to grade them again)");
        out.flush();
    }

    @Override
    public void studentFinished(StudentResult result, int done, int toGrade) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double left = elapsed / done * (toGrade - done);
        int filled = toGrade == 0 ? BAR_WIDTH : done * BAR_WIDTH / toGrade;
        String outcome = result.graded() ? scoreOfSubmitted(result.result()) : "NOT GRADED: " + result.failure();
        out.printf(Locale.ROOT, "[%s%s] %d/%d  %s: %s%s%n", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), done, toGrade,
                result.student(), outcome, done == toGrade ? "" : String.format(Locale.ROOT, "  (about %s left)", duration(left)));
        out.flush();
    }

    /**
     * The student's score out of the exercises they submitted: whether the others count is for the class summary to
     * say, once it knows what the class submitted.
     */
    private static String scoreOfSubmitted(GradingResult result) {
        List<ExerciseOutcome> submitted = result.exercises().stream().filter(exercise -> exercise.status() != ExerciseStatus.MISSING).toList();
        int missing = result.exercises().size() - submitted.size();
        if (submitted.isEmpty()) {
            return "nothing submitted";
        }
        String score = submitted.stream().mapToInt(ExerciseOutcome::score).sum() + "/" + submitted.stream().mapToInt(ExerciseOutcome::maxScore).sum();
        return missing == 0 ? score : String.format("%s (%d %s not submitted)", score, missing, missing == 1 ? "exercise" : "exercises");
    }

    @Override
    public void batchFinished(ClassSummary summary) {
        out.println();
        out.print(summary(summary, false));
        out.flush();
    }

    /**
     * The class summary as text, for the console and {@code summary.txt}: what the scores are out of, how they spread
     * overall and per exercise, the tests lost most often, and, {@code withStudents}, every student's score and where
     * their reports are (paths relative to the summary).
     */
    public static String summary(ClassSummary summary, boolean withStudents) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Class summary: %d students, %d graded, %d not graded%n", summary.studentCount(), summary.graded(), summary.notGraded()));
        text.append(String.format("%s%n", counted(summary)));
        if (summary.graded() > 0 && summary.maxScore() > 0) {
            text.append(String.format("%nScores (out of %d):%n", summary.maxScore()));
            appendHistogram(text, summary.buckets());
            for (ClassSummary.ExerciseSpread exercise : summary.exercises()) {
                text.append(String.format("%n%s (out of %d, submitted by %d of %d):%n", exercise.id(), exercise.maxScore(), exercise.submittedBy(),
                        summary.graded()));
                appendHistogram(text, exercise.buckets());
            }
        }
        if (summary.graded() > 0) {
            appendLostTests(text, summary);
        }
        if (withStudents) {
            appendStudents(text, summary);
        }
        return text.toString();
    }

    private static void appendLostTests(StringBuilder text, ClassSummary summary) {
        if (summary.lostTests().isEmpty()) {
            text.append(String.format("%n%s%n", noTestLost(summary)));
            return;
        }
        text.append(String.format("%nTests lost most often (by how many students, and the verdicts):%n"));
        for (ClassSummary.LostTest test : summary.lostTests().stream().limit(TESTS_LISTED).toList()) {
            text.append(String.format("  %3d  %s %s: %s%n", test.lostBy(), test.exerciseId(), test.test(), verdicts(test.verdicts())));
        }
        if (summary.lostTests().size() > TESTS_LISTED) {
            text.append(String.format("  ... and %d more tests%n", summary.lostTests().size() - TESTS_LISTED));
        }
    }

    /** What the scores are out of, and why those exercises: one sentence, for the text and the HTML summary alike. */
    static String counted(ClassSummary summary) {
        if (summary.graded() == 0) {
            return "No student was graded, so there are no scores to count.";
        }
        List<String> ids = summary.exercises().stream().map(ClassSummary.ExerciseSpread::id).toList();
        if (summary.basis() == ClassSummary.Basis.NAMED) {
            return String.format("Scores are out of %d: the exercises named with --exercise (%s).", summary.maxScore(), String.join(", ", ids));
        }
        if (ids.isEmpty()) {
            return String.format("No student submitted any exercise (%s), so there are no points to count.", String.join(", ", summary.notCounted()));
        }
        String scores = String.format("Scores are out of %d: the exercises the class submitted (%s)", summary.maxScore(), String.join(", ", ids));
        return summary.notCounted().isEmpty() ? scores + "."
                : scores + "; not counted, as no student submitted them: " + String.join(", ", summary.notCounted()) + ".";
    }

    /** When no test was lost: either everyone passed everything, or the points were lost with whole exercises. */
    static String noTestLost(ClassSummary summary) {
        boolean fullMarks = summary.maxScore() > 0
                && summary.students().stream().filter(ClassSummary.Student::graded).allMatch(student -> student.score() == student.maxScore());
        return fullMarks ? "Every graded student passed every test."
                : "No test was lost: the points lost were whole exercises not submitted or not graded (each student's report says why).";
    }

    private static void appendHistogram(StringBuilder text, List<Integer> buckets) {
        int most = buckets.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int bucket = buckets.size() - 1; bucket >= 0; bucket--) {
            int count = buckets.get(bucket);
            String range = bucket == buckets.size() - 1 ? "90-100%" : String.format("%d-%d%%", bucket * 10, bucket * 10 + 9);
            text.append(String.format("  %8s %-30s %d%n", range, "#".repeat(most == 0 ? 0 : count * 30 / most), count));
        }
    }

    /** One line per student: the score, its share, the student's id and their report; names last, as their widths vary. */
    private static void appendStudents(StringBuilder text, ClassSummary summary) {
        text.append(String.format("%nStudents (score, share of %d, id, report):%n", summary.maxScore()));
        for (ClassSummary.Student student : summary.students()) {
            if (student.graded()) {
                text.append(String.format("  %9s %5s  %s  %s/%s%n", student.score() + "/" + student.maxScore(),
                        summary.maxScore() == 0 ? "-" : student.percent() + "%", student.student(), student.student(), BatchGrader.REPORT_FILE));
            } else {
                text.append(String.format("  %-15s  %s  %s/%s: %s%n", "not graded", student.student(), student.student(), BatchGrader.FAILURE_FILE,
                        student.failure()));
            }
        }
    }

    private static String verdicts(Map<Verdict, Integer> verdicts) {
        return verdicts.entrySet().stream().sorted(Map.Entry.<Verdict, Integer>comparingByValue().reversed())
                .map(entry -> entry.getValue() + " " + entry.getKey().jsonName()).collect(Collectors.joining(", "));
    }

    private static String duration(double seconds) {
        return seconds < 90 ? Math.round(seconds) + " s" : Math.round(seconds / 60) + " min";
    }
}
