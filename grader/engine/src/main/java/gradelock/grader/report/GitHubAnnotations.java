package gradelock.grader.report;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints {@code --github-annotations}: GitHub Actions workflow commands ({@code ::error file=...,line=...::...}) that
 * put each lost test's explanation on the student's own source lines in the pull request: the lines its threads
 * were stuck at or threw from, and the lines of compile errors and policy violations. Paths are relative to the
 * working directory, which in Actions is the repository's root.
 *
 * <p>GitHub shows at most {@value #MAX_ERRORS} error annotations a step and drops the rest without a word, so each
 * line gets one annotation that covers every test losing points there (the tests listed, each explanation once), tests
 * with no line of the submission to point at share one when their explanations are the same, the most important come
 * first, and after the {@value #MAX_ERRORS}th a notice says how many more lost tests only the score card shows.
 */
public final class GitHubAnnotations implements GradingObserver {

    /** Error annotations GitHub shows a step; it shows as many notices, of which this prints at most one. */
    static final int MAX_ERRORS = 10;
    /** Tests an annotation names before it counts the rest: 31 names on one line would bury the explanation. */
    private static final int TESTS_NAMED = 10;
    /** A line of a compile error's or a policy violation's message: {@code File.java:42: why}. */
    private static final Pattern FILE_LINE_WHY = Pattern.compile("^\\s*(\\S+\\.java):(\\d+): (.*)$");
    /** How a repeated test's message begins; the same explanation from another run is still the same explanation. */
    private static final Pattern RUN_PREFIX = Pattern.compile("^Run \\d+ of \\d+: ");

    private final PrintWriter out;
    private final Path workingDirectory;
    private final String whereEveryLostTestIs;
    private Path submission;

    /**
     * @param markdownSummary the file {@code --markdown} writes, or null: the notice after the last annotation names it
     *                        (as the run's summary page when it is {@code $GITHUB_STEP_SUMMARY})
     */
    public GitHubAnnotations(PrintWriter out, Path markdownSummary) {
        this(out, Path.of("").toAbsolutePath(), whereEveryLostTestIs(markdownSummary, System.getenv("GITHUB_STEP_SUMMARY")));
    }

    GitHubAnnotations(PrintWriter out, Path workingDirectory, String whereEveryLostTestIs) {
        this.out = out;
        this.workingDirectory = workingDirectory;
        this.whereEveryLostTestIs = whereEveryLostTestIs;
    }

    /** The end of the notice's sentence: where a reader finds the lost tests that no annotation shows. */
    static String whereEveryLostTestIs(Path markdownSummary, String stepSummary) {
        String scoreCard = "the score card in this step's log";
        if (markdownSummary == null) {
            return scoreCard + " lists every lost test";
        }
        return scoreCard + " and " + (isSameFile(markdownSummary, stepSummary) ? "the run's summary page"
                : "the Markdown summary " + markdownSummary.getFileName()) + " list every lost test";
    }

    private static boolean isSameFile(Path file, String other) {
        if (other == null || other.isBlank()) {
            return false;
        }
        try {
            return file.toAbsolutePath().normalize().equals(Path.of(other).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return false;
        }
    }

    @Override
    public void gradingStarted(Path submission, List<ExerciseSpec> exercises) {
        this.submission = submission;
    }

    @Override
    public void gradingFinished(GradingResult result) {
        annotations(result).forEach(out::println);
        out.flush();
    }

    /** The workflow commands for a result: findings, grouped by place, most important first, capped. */
    List<String> annotations(GradingResult result) {
        List<Annotation> ordered = byPlace(findings(result)).stream().sorted(MOST_IMPORTANT_FIRST).toList();
        List<Annotation> shown = ordered.subList(0, Math.min(MAX_ERRORS, ordered.size()));
        List<String> lines = new ArrayList<>(shown.stream().map(Annotation::command).toList());
        if (shown.size() < ordered.size()) {
            lines.add(notice(shown, ordered.subList(shown.size(), ordered.size())));
        }
        return lines;
    }

    /**
     * Every place each lost test points at, and every line that kept an exercise from running (a compile error, a
     * policy violation: both messages list {@code File.java:42: why}), in the order the result lists them.
     */
    private List<Finding> findings(GradingResult result) {
        List<Finding> findings = new ArrayList<>();
        for (ExerciseOutcome exercise : result.exercises()) {
            if (exercise.message() != null) {
                String problem = Failures.status(exercise);
                String title = exercise.id() + ": " + (exercise.status() == ExerciseStatus.COMPILE_ERROR ? "does not compile" : problem);
                for (String line : exercise.message().lines().toList()) {
                    Matcher error = FILE_LINE_WHY.matcher(line);
                    if (error.matches()) {
                        // javac's message alone on its line; with no file to put it on, the message says where
                        Place place = place(error.group(1), Integer.parseInt(error.group(2)), line.strip());
                        findings.add(new Finding(place, exercise.id(), null, problem, title, exercise.maxScore() - exercise.score(), 0,
                                place.file() == null ? line.strip() : error.group(3)));
                    }
                }
            }
            for (TestOutcome test : exercise.tests()) {
                if (test.passed()) {
                    continue;
                }
                String title = exercise.id() + ": " + test.name() + " " + Failures.verdictWithRuns(test)
                        + " (" + test.score() + "/" + test.maxScore() + ")";
                String text = test.message() == null ? test.verdict().jsonName() : test.message();
                String listed = test.name() + " (" + test.verdict().jsonName() + ", " + test.score() + "/" + test.maxScore() + ")";
                Set<Place> places = new LinkedHashSet<>();
                for (SourceLocation location : test.locations()) {
                    places.add(place(location.file(), location.line(), text));
                }
                if (places.isEmpty()) {
                    places.add(Place.none(text));
                }
                for (Place place : places) {
                    findings.add(new Finding(place, exercise.id(), listed, null, title, test.maxScore() - test.score(), rank(test.verdict()), text));
                }
            }
        }
        return findings;
    }

    /** Among equal points: a line that kept its exercise from running (0), a named concurrency verdict, a plain failure, a test that never ran. */
    private static int rank(Verdict verdict) {
        return switch (verdict) {
            case DEADLOCK, STALLED, TIMEOUT, LEAKED -> 1;
            case FAILED, ERROR, PASSED -> 2;
            case NOT_RUN -> 3;
        };
    }

    private static final Comparator<Finding> FINDING_FIRST = Comparator.comparingInt(Finding::pointsLost).reversed()
            .thenComparingInt(Finding::rank);

    // What to fix first. Points lost at a place come first: they are what the instructor weighed most and what
    // fixing that line wins back (a compile error loses its exercise's whole score). Among equal points, a compile
    // error or policy violation (nothing of its exercise ran), then a named concurrency verdict (deadlock, stall, timeout, leak: what the
    // course teaches, and what a test's name gives away least) before a plain failure; then a line of the submission
    // before none, then file and line, so that the same result always annotates the same lines.
    private static final Comparator<Annotation> MOST_IMPORTANT_FIRST = Comparator.comparingInt(Annotation::pointsLost).reversed()
            .thenComparingInt(Annotation::rank)
            .thenComparing(annotation -> annotation.place().file() == null)
            .thenComparing(annotation -> annotation.place().file() == null ? "" : annotation.place().file())
            .thenComparingInt(annotation -> annotation.place().line());

    private static List<Annotation> byPlace(List<Finding> findings) {
        Map<Place, List<Finding>> byPlace = new LinkedHashMap<>();
        for (Finding finding : findings) {
            byPlace.computeIfAbsent(finding.place(), place -> new ArrayList<>()).add(finding);
        }
        return byPlace.entrySet().stream()
                .map(entry -> new Annotation(entry.getKey(), entry.getValue().stream().sorted(FINDING_FIRST).toList()))
                .toList();
    }

    private String notice(List<Annotation> shown, List<Annotation> dropped) {
        Set<String> annotated = new LinkedHashSet<>();
        shown.forEach(annotation -> annotation.findings().forEach(finding -> annotated.add(finding.identity())));
        // what is left out, by kind: "lost test", "compile error", "policy violation"
        Map<String, Set<String>> leftOut = new LinkedHashMap<>();
        for (Annotation annotation : dropped) {
            for (Finding finding : annotation.findings()) {
                if (!annotated.contains(finding.identity())) {
                    leftOut.computeIfAbsent(finding.isTest() ? "lost test" : finding.problem(), kind -> new LinkedHashSet<>()).add(finding.identity());
                }
            }
        }
        List<String> more = new ArrayList<>();
        leftOut.forEach((kind, identities) -> more.add(count(identities.size(), "more " + kind)));
        int total = leftOut.values().stream().mapToInt(Set::size).sum();
        if (more.isEmpty()) { // only more lines of tests that a shown annotation names already
            more.add(count(dropped.size(), "more line") + " where lost tests point");
            total = dropped.size();
        }
        String what = String.join(" and ", more);
        return "::notice title=" + property("gradelock: " + what) + "::" + data("GitHub shows at most " + MAX_ERRORS
                + " error annotations a step, so " + what + (total == 1 ? " is" : " are") + " not annotated: " + whereEveryLostTestIs + ".");
    }

    /** A path in the submission as the repository names it, or null when the submission is not a folder here. */
    private String file(String pathInSubmission) {
        if (submission == null || !Files.isDirectory(submission)) {
            return null;
        }
        Path absolute = submission.toAbsolutePath().normalize().resolve(pathInSubmission);
        Path relative = absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : absolute;
        return relative.toString().replace('\\', '/');
    }

    /** The line, or when the repository cannot name the file (a .zip), no place but the explanation's. */
    private Place place(String pathInSubmission, int line, String text) {
        String file = file(pathInSubmission);
        return file == null ? Place.none(text) : new Place(file, line, null);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String sameExplanation(String text) {
        return RUN_PREFIX.matcher(text).replaceFirst("");
    }

    /**
     * Where an annotation goes: a file and line, or, for a test with no line to point at, nowhere, and then tests
     * share one only when they share the explanation.
     */
    private record Place(String file, int line, String explanation) {
        static Place none(String text) {
            return new Place(null, 0, sameExplanation(text));
        }
    }

    /**
     * One reason for lost points at one place: a lost test ({@code listed} names it with its verdict and score), or a
     * line that kept its exercise from running ({@code problem} says how: "compile error", "policy violation").
     */
    private record Finding(Place place, String exercise, String listed, String problem, String title, int pointsLost, int rank, String text) {
        boolean isTest() {
            return problem == null;
        }

        String identity() {
            return exercise + " " + (isTest() ? listed : problem + " " + place + " " + text);
        }
    }

    /** The findings at one place, most important first, rendered as one {@code ::error}. */
    private record Annotation(Place place, List<Finding> findings) {

        int pointsLost() {
            return findings.stream().mapToInt(Finding::pointsLost).sum();
        }

        int rank() {
            return findings.stream().mapToInt(Finding::rank).min().orElseThrow();
        }

        String command() {
            if (findings.size() == 1) {
                return GitHubAnnotations.command(place, findings.get(0).title(), findings.get(0).text());
            }
            List<Finding> tests = findings.stream().filter(Finding::isTest).toList();
            String exercises = String.join(", ", findings.stream().map(Finding::exercise).distinct().toList());
            StringBuilder message = new StringBuilder();
            String title;
            if (tests.isEmpty()) {
                title = findings.get(0).title();
            } else {
                String lose = count(tests.size(), "test") + " lose " + count(tests.stream().mapToInt(Finding::pointsLost).sum(), "point")
                        + (place.file() == null ? " for the same reason" : " here");
                title = exercises + ": " + lose;
                List<String> named = tests.stream().limit(TESTS_NAMED).map(Finding::listed).toList();
                message.append(lose).append(": ").append(String.join(", ", named))
                        .append(tests.size() > named.size() ? " and " + (tests.size() - named.size()) + " more" : "").append(".\n");
            }
            // The most important explanation in full; of the others, each first line that says something new.
            message.append(findings.get(0).text());
            Set<String> headlines = new LinkedHashSet<>();
            headlines.add(Failures.headline(sameExplanation(findings.get(0).text())));
            for (Finding finding : findings.subList(1, findings.size())) {
                String headline = Failures.headline(sameExplanation(finding.text()));
                if (headlines.add(headline)) {
                    message.append('\n').append(headline);
                }
            }
            return GitHubAnnotations.command(place, title, message.toString());
        }
    }

    private static String command(Place place, String title, String message) {
        StringBuilder properties = new StringBuilder();
        if (place.file() != null) {
            properties.append("file=").append(property(place.file())).append(",line=").append(place.line()).append(',');
        }
        properties.append("title=").append(property(title));
        return "::error " + properties + "::" + data(message);
    }

    // The escaping GitHub's workflow commands define: data escapes %, CR and LF; properties also : and ,.
    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
