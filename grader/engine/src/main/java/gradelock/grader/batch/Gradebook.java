package gradelock.grader.batch;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.report.AtomicFiles;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code gradebook.csv}: one row per student, each exercise's score, the total, and a note when it was not graded. */
final class Gradebook {

    private final Path file;
    private final List<String> exerciseIds;

    Gradebook(Path file, List<String> exerciseIds) {
        this.file = file;
        this.exerciseIds = List.copyOf(exerciseIds);
    }

    void write(List<StudentResult> results) {
        AtomicFiles.write(file, render(results));
    }

    String render(List<StudentResult> results) {
        StringBuilder csv = new StringBuilder("student");
        exerciseIds.forEach(id -> csv.append(',').append(field(id)));
        csv.append(",total,note\n");
        for (StudentResult student : results.stream().sorted(Comparator.comparing(StudentResult::student)).toList()) {
            csv.append(field(student.student()));
            for (String id : exerciseIds) {
                Optional<ExerciseOutcome> exercise = student.graded()
                        ? student.result().exercises().stream().filter(e -> e.id().equals(id)).findFirst() : Optional.empty();
                csv.append(',').append(exercise.map(e -> Integer.toString(e.score())).orElse(""));
            }
            csv.append(',').append(student.graded() ? Integer.toString(student.result().score()) : "");
            csv.append(',').append(field(student.graded() ? "" : "not graded: " + student.failure())).append('\n');
        }
        return csv.toString();
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break, quotes doubled. */
    private static String field(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
