package gradelock.grader.report;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.TestOutcome;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints {@code --github-annotations}: GitHub Actions workflow commands ({@code ::error file=...,line=...::...}) that
 * put each lost test's explanation on the student's own source lines in the pull request: the lines its threads
 * were stuck at or threw from, and the lines of compile errors. A test with no line of the submission to point at
 * gets an annotation without a file. Paths are relative to the working directory, which in Actions is the
 * repository's root.
 */
public final class GitHubAnnotations implements GradingObserver {

    private static final Pattern COMPILE_ERROR = Pattern.compile("^\\s*(\\S+\\.java):(\\d+): (.*)$");

    private final PrintWriter out;
    private final Path workingDirectory;
    private Path submission;

    public GitHubAnnotations(PrintWriter out) {
        this(out, Path.of("").toAbsolutePath());
    }

    GitHubAnnotations(PrintWriter out, Path workingDirectory) {
        this.out = out;
        this.workingDirectory = workingDirectory;
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

    List<String> annotations(GradingResult result) {
        List<String> lines = new ArrayList<>();
        for (ExerciseOutcome exercise : result.exercises()) {
            if (exercise.message() != null) {
                for (String line : exercise.message().lines().toList()) {
                    Matcher error = COMPILE_ERROR.matcher(line);
                    if (error.matches()) {
                        lines.add(command(file(error.group(1)), error.group(2), exercise.id() + ": " + (exercise.status() == ExerciseStatus.COMPILE_ERROR
                                ? "does not compile" : Failures.status(exercise)), error.group(3)));
                    }
                }
            }
            for (TestOutcome test : exercise.tests()) {
                if (test.passed()) {
                    continue;
                }
                String title = exercise.id() + ": " + test.name() + " " + Failures.verdictWithRuns(test)
                        + " (" + test.score() + "/" + test.maxScore() + ")";
                String message = test.message() == null ? test.verdict().jsonName() : test.message();
                Set<String> places = new LinkedHashSet<>();
                for (SourceLocation location : test.locations()) {
                    places.add(file(location.file()) + ":" + location.line());
                }
                if (places.isEmpty()) {
                    lines.add(command(null, null, title, message));
                }
                for (String place : places) {
                    int colon = place.lastIndexOf(':');
                    lines.add(command(place.substring(0, colon), place.substring(colon + 1), title, message));
                }
            }
        }
        return lines;
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

    private static String command(String file, String line, String title, String message) {
        StringBuilder properties = new StringBuilder();
        if (file != null) {
            properties.append("file=").append(property(file)).append(",line=").append(line).append(',');
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
