package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The graded result of one test method. A repeated test earns its points only if every run passed.
 *
 * @param locations the submission's source lines the verdict points at (threads of a deadlock, say)
 * @param waiting   for a deadlock or a stall, its threads and what each waits for (written to JSON only then)
 * @param slowestRunMillis the longest of its runs, which is what a calibrated limit bounds
 * @param busiestRunMillis the most running (rather than waiting) time of any of its runs, which calibration weighs apart
 */
@JsonPropertyOrder({"name", "score", "max_score", "verdict", "visibility", "runs", "passed_runs", "duration_ms", "message", "waiting"})
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
        @JsonIgnore List<SourceLocation> locations,
        @JsonProperty("waiting") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WaitingThread> waiting,
        @JsonIgnore long slowestRunMillis,
        @JsonIgnore long busiestRunMillis) {

    public TestOutcome {
        locations = locations == null ? List.of() : List.copyOf(locations);
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }

    public TestOutcome(String name, int score, int maxScore, Verdict verdict, Visibility visibility, int runs, int passedRuns,
                       long durationMillis, String message, String displayName, List<SourceLocation> locations) {
        this(name, score, maxScore, verdict, visibility, runs, passedRuns, durationMillis, message, displayName, locations, List.of(),
                durationMillis, durationMillis);
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }
}
