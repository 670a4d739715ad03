package gradelock.grader.report;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.Verdict;
import gradelock.grader.validate.ValidationObserver;
import gradelock.grader.validate.ValidationReport;
import gradelock.grader.validate.Variant;
import gradelock.grader.validate.VariantResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints, per exercise, which test caught which variant with which verdict (tests down, variants across), then
 * every shortfall in words. A cell is the verdict the test gave in every run ({@code .} passed, {@code F} failed,
 * {@code E} error, {@code T} timeout, {@code D} deadlock, {@code S} stalled, {@code L} leaked, {@code N} not run), {@code ?} when
 * runs disagreed, {@code -} when the test ran in none of its runs; {@code *} marks a verdict a faulty variant's expected.json
 * asks for.
 */
public final class KillMatrix implements ValidationObserver {

    private static final Map<Verdict, String> CODES = Map.of(Verdict.PASSED, ".", Verdict.FAILED, "F", Verdict.ERROR, "E",
            Verdict.TIMEOUT, "T", Verdict.DEADLOCK, "D", Verdict.STALLED, "S", Verdict.LEAKED, "L", Verdict.NOT_RUN, "N");

    private final PrintWriter out;

    public KillMatrix(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void validationFinished(ValidationReport report) {
        Map<String, List<VariantResult>> byExercise = new LinkedHashMap<>();
        report.variants().forEach(result -> byExercise.computeIfAbsent(result.variant().exerciseId(), id -> new ArrayList<>()).add(result));
        byExercise.forEach((id, results) -> printMatrix(id, results, report.runs()));

        List<VariantResult> shortfalls = report.shortfalls();
        if (!shortfalls.isEmpty()) {
            out.printf("%nShortfalls:%n");
            for (VariantResult result : shortfalls) {
                out.printf("  %s%n", result.variant().label());
                result.shortfalls().forEach(shortfall -> out.printf("    - %s%n", shortfall));
            }
        }
        out.printf(Locale.ROOT, "%nValidated %d variants, %d run%s each, in %.1f s: %s%n", report.variants().size(), report.runs(),
                report.runs() == 1 ? "" : "s", report.durationMillis() / 1000.0,
                report.holds() ? "every one holds" : shortfalls.size() + " fall short");
        out.flush();
    }

    private void printMatrix(String exerciseId, List<VariantResult> results, int runs) {
        List<String> codes = columnCodes(results);
        out.printf("%n%s: which test catches which variant (%d run%s each)%n", exerciseId, runs, runs == 1 ? "" : "s");
        for (int i = 0; i < results.size(); i++) {
            VariantResult result = results.get(i);
            String kind = result.variant().kind().name().toLowerCase(Locale.ROOT);
            out.printf("  %-4s %s%s%n", codes.get(i), result.variant().kind() == Variant.Kind.REFERENCE || result.variant().kind() == Variant.Kind.STUB
                    ? kind : kind + " " + result.variant().name(), result.holds() ? "" : "  (falls short)");
        }
        Set<String> tests = new LinkedHashSet<>();
        results.forEach(result -> result.runs().forEach(run -> run.tests().forEach(test -> tests.add(test.name()))));
        int nameWidth = tests.stream().mapToInt(String::length).max().orElse(10);
        StringBuilder header = new StringBuilder(String.format("  %-" + nameWidth + "s", ""));
        codes.forEach(code -> header.append(String.format(" %-4s", code)));
        out.println(header.toString().stripTrailing());
        for (String test : tests) {
            StringBuilder row = new StringBuilder(String.format("  %-" + nameWidth + "s", test));
            for (VariantResult result : results) {
                row.append(String.format(" %-4s", cell(result, test)));
            }
            out.println(row.toString().stripTrailing());
        }
    }

    private static List<String> columnCodes(List<VariantResult> results) {
        List<String> codes = new ArrayList<>();
        int alternatives = 0;
        int faulty = 0;
        for (VariantResult result : results) {
            codes.add(switch (result.variant().kind()) {
                case REFERENCE -> "R";
                case STUB -> "S";
                case ALTERNATIVE -> "A" + ++alternatives;
                case FAULTY -> "F" + ++faulty;
            });
        }
        return codes;
    }

    private static String cell(VariantResult result, String testName) {
        Set<Verdict> verdicts = new LinkedHashSet<>();
        for (ExerciseOutcome run : result.runs()) {
            // a run on only the tests expected.json names leaves the others to the runs that had every test
            run.tests().stream().filter(t -> t.name().equals(testName)).findFirst().ifPresent(test -> verdicts.add(test.verdict()));
        }
        if (verdicts.isEmpty()) {
            return "-";
        }
        if (verdicts.size() > 1) {
            return "?";
        }
        Verdict verdict = verdicts.iterator().next();
        boolean asked = result.variant().expected().stream().flatMap(expected -> expected.expect().stream())
                .anyMatch(expectation -> expectation.test().equals(testName) && expectation.verdict() == verdict);
        return CODES.get(verdict) + (asked ? "*" : "");
    }
}
