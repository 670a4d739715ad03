package gradelock.grader.report;

import gradelock.grader.batch.BatchObserver;
import gradelock.grader.batch.ClassSummary;
import gradelock.grader.batch.StudentResult;
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
        String outcome = result.graded() ? result.result().score() + "/" + result.result().maxScore()
                : "NOT GRADED: " + result.failure();
        out.printf(Locale.ROOT, "[%s%s] %d/%d  %s: %s%s%n", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), done, toGrade,
                result.student(), outcome, done == toGrade ? "" : String.format(Locale.ROOT, "  (about %s left)", duration(left)));
        out.flush();
    }

    @Override
    public void batchFinished(List<StudentResult> results) {
        out.println();
        out.print(summary(ClassSummary.of(results)));
        out.flush();
    }

    public static String summary(ClassSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Class summary: %d students, %d graded, %d not graded%n", summary.students(), summary.graded(), summary.notGraded()));
        if (summary.graded() == 0) {
            return text.toString();
        }
        text.append(String.format("%nScores (out of %d):%n", summary.maxScore()));
        int most = summary.buckets().stream().mapToInt(Integer::intValue).max().orElse(1);
        for (int bucket = 9; bucket >= 0; bucket--) {
            int count = summary.buckets().get(bucket);
            String range = bucket == 9 ? "90-100%" : String.format("%d-%d%%", bucket * 10, bucket * 10 + 9);
            text.append(String.format("  %8s %-30s %d%n", range, "#".repeat(most == 0 ? 0 : count * 30 / most), count));
        }
        if (summary.lostTests().isEmpty()) {
            return text.append(String.format("%nEvery graded student passed every test.%n")).toString();
        }
        text.append(String.format("%nTests lost most often (by how many students, and the verdicts):%n"));
        for (ClassSummary.LostTest test : summary.lostTests().stream().limit(TESTS_LISTED).toList()) {
            text.append(String.format("  %3d  %s %s: %s%n", test.lostBy(), test.exerciseId(), test.test(), verdicts(test.verdicts())));
        }
        if (summary.lostTests().size() > TESTS_LISTED) {
            text.append(String.format("  ... and %d more tests%n", summary.lostTests().size() - TESTS_LISTED));
        }
        return text.toString();
    }

    private static String verdicts(Map<Verdict, Integer> verdicts) {
        return verdicts.entrySet().stream().sorted(Map.Entry.<Verdict, Integer>comparingByValue().reversed())
                .map(entry -> entry.getValue() + " " + entry.getKey().jsonName()).collect(Collectors.joining(", "));
    }

    private static String duration(double seconds) {
        return seconds < 90 ? Math.round(seconds) + " s" : Math.round(seconds / 60) + " min";
    }
}
