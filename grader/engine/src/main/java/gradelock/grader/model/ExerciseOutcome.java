package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The graded result of one exercise. */
@JsonPropertyOrder({"id", "score", "max_score", "status", "message", "tests"})
public record ExerciseOutcome(
        @JsonProperty("id") String id,
        @JsonProperty("score") int score,
        @JsonProperty("max_score") int maxScore,
        @JsonProperty("status") ExerciseStatus status,
        @JsonProperty("message") String message,
        @JsonProperty("tests") List<TestOutcome> tests) {

    public ExerciseOutcome {
        tests = List.copyOf(tests);
    }

    public static ExerciseOutcome graded(String id, List<TestOutcome> tests) {
        int score = tests.stream().mapToInt(TestOutcome::score).sum();
        int max = tests.stream().mapToInt(TestOutcome::maxScore).sum();
        return new ExerciseOutcome(id, score, max, ExerciseStatus.GRADED, null, tests);
    }

    /** Nothing ran: the whole exercise scores zero out of what its tests are worth. */
    public static ExerciseOutcome ungraded(String id, int maxScore, ExerciseStatus status, String message) {
        return new ExerciseOutcome(id, 0, maxScore, status, message, List.of());
    }
}
