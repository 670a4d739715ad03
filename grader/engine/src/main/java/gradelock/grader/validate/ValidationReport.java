package gradelock.grader.validate;

import java.util.List;

/** Every variant validated, each over {@code runs} gradings. */
public record ValidationReport(int runs, List<VariantResult> variants, long durationMillis) {

    public ValidationReport {
        variants = List.copyOf(variants);
    }

    public boolean holds() {
        return variants.stream().allMatch(VariantResult::holds);
    }

    public List<VariantResult> shortfalls() {
        return variants.stream().filter(v -> !v.holds()).toList();
    }
}
