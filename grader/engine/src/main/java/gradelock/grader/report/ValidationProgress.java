package gradelock.grader.report;

import gradelock.grader.validate.Variant;
import gradelock.grader.validate.VariantResult;
import gradelock.grader.validate.ValidationObserver;
import java.io.PrintWriter;
import java.util.Locale;

/** One line per variant as validation goes, so a long run shows where it is. */
public final class ValidationProgress implements ValidationObserver {

    private final PrintWriter out;
    public ValidationProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void variantStarted(Variant variant, int runs) {
        out.printf("  %-66s ", variant.label());
        out.flush();
    }

    @Override
    public void variantValidated(VariantResult result) {
        double seconds = result.durationMillis() / 1000.0;
        out.printf(Locale.ROOT, "%s (%d run%s, %.1f s)%n", result.holds() ? "holds" : "FALLS SHORT",
                result.runs().size(), result.runs().size() == 1 ? "" : "s", seconds);
    }
}
