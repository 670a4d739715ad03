package gradelock.grader.report;

import gradelock.grader.model.GradingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A report written to a file once grading has finished. It is written to a temporary file beside the target and
 * moved into place, so a reader never sees half a report.
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
        try {
            Path target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
            Files.writeString(partial, render(result));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
