package gradelock.grader.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gradelock.grader.report.JsonReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wait-for graph's data: plain thread names in the JSON, and the words sentences use for them. */
class WaitingThreadTests {

    private static final WaitingThread BLOCKED_ON_THE_TEST = new WaitingThread("worker-1", ThreadKind.PLATFORM,
            "is blocked entering synchronized code", "the monitor of a BoundedBuffer (#1b6d3586)", "main", ThreadKind.TEST,
            "boundedbuffer/BoundedBuffer.java:28 (put)");

    @Test
    void jsonNamesThreadsPlainlyAndSaysWhatKindEachIs() throws Exception {
        JsonNode thread = new ObjectMapper().readTree(JsonReport.toJson(result(BLOCKED_ON_THE_TEST)))
                .get("exercises").get(0).get("tests").get(0).get("waiting").get(0);

        assertThat(thread.get("thread").asText()).as("waiting[0].thread").isEqualTo("worker-1");
        assertThat(thread.get("kind").asText()).as("waiting[0].kind").isEqualTo("platform");
        assertThat(thread.get("held_by").asText()).as("waiting[0].held_by").isEqualTo("main");
        assertThat(thread.get("held_by_kind").asText()).as("waiting[0].held_by_kind").isEqualTo("test");
        assertThat(thread.fieldNames()).toIterable().as("the fields of waiting[0]")
                .containsExactly("thread", "kind", "waiting", "lock", "held_by", "held_by_kind", "at");
    }

    @Test
    void jsonReadsBackToTheSameThreads() throws Exception {
        WaitingThread virtual = new WaitingThread("#42", ThreadKind.VIRTUAL, "is waiting", null, null, null, null);
        GradingResult written = result(BLOCKED_ON_THE_TEST, virtual);

        assertThat(JsonReport.parse(JsonReport.toJson(written)).exercises().get(0).tests().get(0).waiting())
                .containsExactly(BLOCKED_ON_THE_TEST, virtual);
    }

    @Test
    void sentencesQuoteAThreadsNameAndCallTheTestsOwnThreadSo() {
        assertThat(BLOCKED_ON_THE_TEST.writtenThread()).isEqualTo("\"worker-1\"");
        assertThat(BLOCKED_ON_THE_TEST.writtenHolder()).isEqualTo("the test's own thread");
        assertThat(ThreadKind.VIRTUAL.written("fetcher-3")).isEqualTo("virtual thread \"fetcher-3\"");
        assertThat(ThreadKind.VIRTUAL.written(ThreadKind.unnamedVirtual(42))).isEqualTo("virtual thread #42");
    }

    private static GradingResult result(WaitingThread... waiting) {
        TestOutcome stalled = new TestOutcome("BoundedBufferHiddenTests.stalls", 0, 3, Verdict.STALLED, Visibility.HIDDEN, 1, 0, 10,
                "Stalled: ...", "BoundedBufferHiddenTests.stalls", List.of(), List.of(waiting), 10, 10);
        return GradingResult.of(List.of(ExerciseOutcome.graded("bounded-buffer", List.of(stalled))), 10);
    }
}
