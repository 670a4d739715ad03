package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Everything one grading run decided: the document {@code --json} writes. */
@JsonPropertyOrder({"score", "max_score", "duration_ms", "exercises"})
public record GradingResult(
        @JsonProperty("score") int score,
        @JsonProperty("max_score") int maxScore,
        @JsonProperty("duration_ms") long durationMillis,
        @JsonProperty("exercises") List<ExerciseOutcome> exercises) {

    public GradingResult {
        exercises = List.copyOf(exercises);
    }

    public static GradingResult of(List<ExerciseOutcome> exercises, long durationMillis) {
        int score = exercises.stream().mapToInt(ExerciseOutcome::score).sum();
        int max = exercises.stream().mapToInt(ExerciseOutcome::maxScore).sum();
        return new GradingResult(score, max, durationMillis, exercises);
    }

    public ExerciseOutcome exercise(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exercise '" + id + "' in this result"));
    }
}
