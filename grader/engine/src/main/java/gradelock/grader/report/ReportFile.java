package gradelock.grader.report;

import gradelock.grader.model.GradingResult;
import java.nio.file.Path;

/**
 * A report written to a file once grading has finished (and before, by a report that keeps a partial result on disk).
 * It is written to a temporary file beside the target and moved into place, so a reader never sees half a report.
 */
abstract class ReportFile implements GradingObserver {

    private final Path file;

    ReportFile(Path file) {
        this.file = file;
    }

    /** The whole content of the report. */
    abstract String render(GradingResult result);

    @Override
    public final void gradingFinished(GradingResult result) {
        write(result);
    }

    /** Writes the report of {@code result} now, in place of any before it. */
    final void write(GradingResult result) {
        AtomicFiles.write(file, render(result));
    }
}
