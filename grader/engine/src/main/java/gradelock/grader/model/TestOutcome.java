package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The graded result of one test method. A repeated test earns its points only if every run passed.
 *
 * @param locations the submission's source lines the verdict points at (threads of a deadlock, say)
 */
@JsonPropertyOrder({"name", "score", "max_score", "verdict", "visibility", "runs", "passed_runs", "duration_ms", "message"})
public record TestOutcome(
        @JsonProperty("name") String name,
        @JsonProperty("score") int score,
        @JsonProperty("max_score") int maxScore,
        @JsonProperty("verdict") Verdict verdict,
        @JsonProperty("visibility") Visibility visibility,
        @JsonProperty("runs") int runs,
        @JsonProperty("passed_runs") int passedRuns,
        @JsonProperty("duration_ms") long durationMillis,
        @JsonProperty("message") String message,
        @JsonIgnore String displayName,
        @JsonIgnore List<SourceLocation> locations) {

    public TestOutcome {
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }
}
