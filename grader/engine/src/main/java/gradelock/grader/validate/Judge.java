package gradelock.grader.validate;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.TestOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a variant's gradings are what they must be. Each run is judged on its own (a bug caught in 19
 * runs of 20 is not caught), and identical findings from several runs are reported once with how many runs.
 */
final class Judge {

    private Judge() {
    }

    static List<String> shortfalls(Variant variant, List<ExerciseOutcome> runs) {
        Map<String, Integer> runsByFinding = new LinkedHashMap<>();
        for (ExerciseOutcome run : runs) {
            for (String finding : findings(variant, run)) {
                runsByFinding.merge(finding, 1, Integer::sum);
            }
        }
        List<String> shortfalls = new ArrayList<>();
        runsByFinding.forEach((finding, count) ->
                shortfalls.add(runs.size() == 1 ? finding : "in " + count + " of " + runs.size() + " runs: " + finding));
        return shortfalls;
    }

    private static List<String> findings(Variant variant, ExerciseOutcome run) {
        if (run.status() != ExerciseStatus.GRADED) {
            return List.of("it was not graded (" + run.status().jsonName() + "): " + firstLine(run.message()));
        }
        if (run.tests().isEmpty()) {
            return List.of("no test ran");
        }
        return switch (variant.kind()) {
            case REFERENCE, ALTERNATIVE -> run.tests().stream().filter(test -> !test.passed())
                    .map(test -> test.name() + " gave " + test.verdict().jsonName() + runsNote(test) + " instead of passing: " + firstLine(test.message()))
                    .toList();
            case STUB -> run.tests().stream().filter(test -> test.score() > 0)
                    .map(test -> test.name() + " earns " + test.score() + " points against the stub, which implements nothing")
                    .toList();
            case FAULTY -> faultyFindings(variant, run);
        };
    }

    private static List<String> faultyFindings(Variant variant, ExerciseOutcome run) {
        List<String> findings = new ArrayList<>();
        for (Variant.Expectation expectation : variant.expected().orElseThrow().expect()) {
            Optional<TestOutcome> found = run.tests().stream().filter(test -> test.name().equals(expectation.test())).findFirst();
            if (found.isEmpty()) {
                findings.add("expected.json names " + expectation.test() + ", which is not a test of " + variant.exerciseId());
                continue;
            }
            TestOutcome test = found.get();
            if (test.score() > 0 || test.passed()) {
                findings.add(test.name() + " did not catch it: it passed");
            } else if (test.verdict() != expectation.verdict()) {
                findings.add(test.name() + " caught it with " + test.verdict().jsonName() + " instead of " + expectation.verdict().jsonName()
                        + ": " + firstLine(test.message()));
            }
        }
        if (run.score() >= run.maxScore()) {
            findings.add("it got full marks");
        }
        return findings;
    }

    private static String runsNote(TestOutcome test) {
        return test.runs() > 1 ? " (" + test.passedRuns() + " of its " + test.runs() + " repetitions passed)" : "";
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return message.lines().findFirst().orElse("").strip();
    }
}
