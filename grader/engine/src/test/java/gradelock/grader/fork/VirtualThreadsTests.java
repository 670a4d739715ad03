package gradelock.grader.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualThreadsTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheStatesThatJdk24AndLaterWrite() throws Exception {
        List<VirtualThreads.Snapshot> threads = VirtualThreads.parse(JSON.readTree("""
                {"threadDump": {"threadContainers": [
                  {"container": "<root>", "threads": [
                    {"tid": "3", "name": "main", "state": "RUNNABLE", "stack": []},
                    {"tid": "25", "virtual": true, "name": "v-waiter", "state": "WAITING", "waitingOn": "java.lang.Object@5c5eefef",
                     "stack": ["java.base/java.lang.Object.wait0(Native Method)", "app.Locks.waitForever(Locks.java:39)"]},
                    {"tid": "23", "virtual": true, "name": "v-sleeper", "state": "TIMED_WAITING", "stack": []}]}]}}
                """));

        assertThat(threads).extracting(VirtualThreads.Snapshot::name, VirtualThreads.Snapshot::state)
                .containsExactly(tuple("v-waiter", Thread.State.WAITING),
                        tuple("v-sleeper", Thread.State.TIMED_WAITING));
        assertThat(threads.get(0).waitingOn()).isEqualTo("java.lang.Object@5c5eefef");
        assertThat(threads.get(0).canProgressOnItsOwn()).isFalse();
        assertThat(threads.get(1).canProgressOnItsOwn()).isTrue();
    }

    @Test
    void tellsTimedFromUntimedWaitsByTheStackWhereNoStateIsWritten() throws Exception {
        // JDK 21 to 23 write a virtual thread's stack but not its state
        Map<String, Thread.State> states = Map.of(
                "java.base/java.lang.VirtualThread.parkNanos(VirtualThread.java:784)", Thread.State.TIMED_WAITING,
                "java.base/java.lang.VirtualThread.park(VirtualThread.java:742)", Thread.State.WAITING,
                "java.base/java.lang.Object.wait0(Native Method)", Thread.State.WAITING,
                "app.Spinner.spin(Spinner.java:10)", Thread.State.RUNNABLE);
        states.forEach((topFrame, expected) -> {
            String dump = """
                    {"threadDump": {"threadContainers": [{"container": "<root>", "threads": [
                      {"tid": "7", "virtual": true, "name": "v", "stack": ["%s"]}]}]}}""".formatted(topFrame);
            try {
                assertThat(VirtualThreads.parse(JSON.readTree(dump)).get(0).state()).as(topFrame).isEqualTo(expected);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void parsesFramesWithModulesLoadersNativeMethodsAndLines() {
        assertThat(VirtualThreads.frame("java.base/java.lang.Object.wait0(Native Method)"))
                .isEqualTo(new StackTraceElement("java.lang.Object", "wait0", null, -2));
        assertThat(VirtualThreads.frame("app//boundedbuffer.BoundedBuffer.take(BoundedBuffer.java:42)"))
                .isEqualTo(new StackTraceElement("boundedbuffer.BoundedBuffer", "take", "BoundedBuffer.java", 42));
        assertThat(VirtualThreads.frame("Dump.lambda$main$3(Dump.java:10)"))
                .isEqualTo(new StackTraceElement("Dump", "lambda$main$3", "Dump.java", 10));
    }
}
