package gradelock.grader.batch;

import gradelock.grader.Grader;
import gradelock.grader.model.GradingResult;
import gradelock.grader.report.AtomicFiles;
import gradelock.grader.report.GradingObserver;
import gradelock.grader.report.HtmlReport;
import gradelock.grader.report.JsonReport;
import gradelock.grader.report.ScoreCard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Grades a whole class, {@code jobs} students at a time. Each student's {@code result.json}, {@code report.txt} and {@code report.html}
 * are written the moment that student is done, and {@code gradebook.csv} is rewritten after every student, so an
 * interrupted batch loses nothing already graded; a later run skips every student that has a {@code result.json}
 * unless told to regrade. A submission the grader cannot grade gets a {@code failure.txt} with the reason, and the
 * batch goes on.
 */
public final class BatchGrader {

    public static final String RESULT_FILE = "result.json";
    public static final String REPORT_FILE = "report.txt";
    public static final String HTML_REPORT_FILE = "report.html";
    public static final String FAILURE_FILE = "failure.txt";
    public static final String GRADEBOOK_FILE = "gradebook.csv";
    /** How {@code failure.txt} begins, before the reason. */
    private static final String FAILURE_PREFIX = "The grader could not grade this submission: ";

    private final Grader grader;
    private final Path out;
    private final int jobs;
    private final boolean regrade;

    public BatchGrader(Grader grader, Path out, int jobs, boolean regrade) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, but was " + jobs);
        }
        this.grader = grader;
        this.out = out;
        this.jobs = jobs;
        this.regrade = regrade;
    }

    /**
     * How many students to grade at once by default: as many as test JVMs may run at once ({@link Grader#testJvmsAtOnce}),
     * each one exercise at a time, so that no student's last exercise leaves the others' share idle (docs/grader.md, "Batch").
     */
    public static int defaultJobs() {
        return Grader.testJvmsAtOnce();
    }

    /**
     * Grades {@code students} on {@code exerciseIds} (every exercise when empty) and returns the class summary, out of
     * those exercises or, when none are named, out of the ones the class submitted.
     */
    public ClassSummary grade(List<StudentSubmission> students, List<String> exerciseIds, List<String> gradebookColumns,
                              BatchObserver observer) throws InterruptedException {
        List<StudentResult> results = new ArrayList<>();
        List<StudentSubmission> toGrade = new ArrayList<>();
        for (StudentSubmission student : students) {
            GradingResult earlier = regrade ? null : earlierResult(student.student());
            if (earlier != null) {
                results.add(StudentResult.graded(student.student(), earlier, true));
            } else {
                toGrade.add(student);
            }
        }
        observer.batchStarted(students.size(), toGrade.size(), jobs);
        Gradebook gradebook = new Gradebook(out.resolve(GRADEBOOK_FILE), gradebookColumns);
        gradebook.write(results);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<StudentResult>> pending = new ArrayList<>();
            for (StudentSubmission student : toGrade) {
                pending.add(pool.submit(() -> gradeOne(student, exerciseIds)));
            }
            int done = 0;
            for (Future<StudentResult> future : pending) {
                StudentResult result = future.get();
                results.add(result);
                gradebook.write(results);
                observer.studentFinished(result, ++done, toGrade.size());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("batch grading failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        ClassSummary summary = ClassSummary.of(results, exerciseIds);
        observer.batchFinished(summary);
        return summary;
    }

    private StudentResult gradeOne(StudentSubmission student, List<String> exerciseIds) {
        Path folder = out.resolve(student.student());
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(folder.resolve(FAILURE_FILE));
            Files.deleteIfExists(folder.resolve(RESULT_FILE));
            StringWriter card = new StringWriter();
            GradingResult result;
            try (PrintWriter cardWriter = new PrintWriter(card)) {
                result = grader.grade(student.path().toAbsolutePath().normalize(), exerciseIds, new ScoreCard(cardWriter));
            }
            AtomicFiles.write(folder.resolve(REPORT_FILE), card.toString());
            AtomicFiles.write(folder.resolve(HTML_REPORT_FILE), HtmlReport.toHtml(result));
            // result.json last: its presence is what marks this student as done
            GradingObserver json = new JsonReport(folder.resolve(RESULT_FILE));
            json.gradingFinished(result);
            return StudentResult.graded(student.student(), result, false);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            try {
                AtomicFiles.write(folder.resolve(FAILURE_FILE), FAILURE_PREFIX + reason + System.lineSeparator());
            } catch (UncheckedIOException unwritable) {
                reason += " (and " + FAILURE_FILE + " could not be written: " + unwritable.getMessage() + ")";
            }
            return StudentResult.failed(student.student(), reason);
        }
    }

    /** The reason a {@code failure.txt} gives, as the batch that wrote it had it. */
    static String failureReason(String failureFile) {
        String reason = failureFile.startsWith(FAILURE_PREFIX) ? failureFile.substring(FAILURE_PREFIX.length()) : failureFile;
        return reason.endsWith(System.lineSeparator()) ? reason.substring(0, reason.length() - System.lineSeparator().length()) : reason;
    }

    private GradingResult earlierResult(String student) {
        Path file = out.resolve(student).resolve(RESULT_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonReport.parse(Files.readString(file));
        } catch (IOException | RuntimeException unreadable) {
            return null; // half-written or edited by hand: grade again
        }
    }
}
