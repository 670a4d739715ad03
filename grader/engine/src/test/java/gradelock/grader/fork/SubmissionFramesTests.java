package gradelock.grader.fork;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.SourceLocation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionFramesTests {

    private final SubmissionFrames frames = new SubmissionFrames(Map.of(
            "eventconsumer.Event", "eventconsumer/Event.java",
            "eventconsumer.ThresholdConsumer", "eventconsumer/ThresholdConsumer.java"));

    @Test
    void pointsAtTheSubmissionsLineForAFrameOfTheApplicationClassLoader() {
        StackTraceElement[] stack = {
            frame("app", "java.lang.Object", "wait", "Object.java", 338),
            frame("app", "eventconsumer.Event", "await", "Event.java", 32),
            frame("app", "eventconsumer.EventTests", "waits", "EventTests.java", 10)
        };

        assertThat(frames.innermost(stack))
                .contains(new SourceLocation("eventconsumer/Event.java", 32, "eventconsumer.Event", "await"));
    }

    @Test
    void ignoresAClassOfTheSameNameThatATestLoadedThroughItsOwnClassLoader() {
        StackTraceElement[] stack = {
            frame("gradelock-swapped-event", "eventconsumer.Event", "await", "Event.java", 32),
            frame("app", "eventconsumer.ThresholdConsumer", "run", "ThresholdConsumer.java", 51)
        };

        assertThat(frames.all(stack)).extracting(SourceLocation::className).containsExactly("eventconsumer.ThresholdConsumer");
    }

    private static StackTraceElement frame(String loader, String className, String method, String file, int line) {
        return new StackTraceElement(loader, null, null, className, method, file, line);
    }
}
