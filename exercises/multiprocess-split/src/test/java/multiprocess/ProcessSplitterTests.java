package multiprocess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import multiprocess.ChildProcesses.Child;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.fail;

/**
 * The public tests of tasks 3 and 4 (ProcessSplitter). They start real child JVMs and watch them through
 * {@link ProcessHandle}. To see the children while they run, however slow the machine, some tests pass JVM options
 * that hold every child before its {@code main} starts (see {@link ChildGate}) until the test has seen them all.
 */
@Timeout(30)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class ProcessSplitterTests {

    private Path gate;
    private Background<?> call;

    @AfterEach
    void leaveNothingRunning() {
        if (call != null) {
            call.stop();
        }
        ChildProcesses.killAll();
        ChildProcesses.deleteGate(gate);
    }

    @Test
    @DisplayName("3.1 find returns the Armstrong numbers of [from, to), ascending")
    void findsTheNumbers() throws Exception {
        assertThat(ProcessSplitter.find(0, 2000, 2)).as("find(0, 2000, 2)")
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 153L, 370L, 371L, 407L, 1634L);
    }

    @Test
    @DisplayName("3.2 the children run at the same time, one part each")
    void childrenRunAtTheSameTime() throws Throwable {
        gate = ChildProcesses.newGate();
        List<String> options = ChildProcesses.gated(gate);
        Background<List<Long>> find = Background.start("find-caller", () -> ProcessSplitter.find(0, 3000, 3, options));
        call = find;
        List<Child> mostAtOnce = new ArrayList<>();
        Deadline deadline = Deadline.atMostSeconds(10);
        Optional<List<Child>> all = ChildProcesses.awaitAliveAtOnce(ArmstrongWorker.class, 3, deadline, mostAtOnce, find);
        if (all.isEmpty()) {
            fail("Expected 3 ArmstrongWorker child processes alive at the same time during find(0, 3000, 3, options), "
                    + "but saw at most " + mostAtOnce.size() + " at once" + (find.ended() ? "" : " within " + deadline) + ": " + mostAtOnce
                    + (find.ended() ? ", and find " + find.outcome() : "")
                    + ". Start every child before you wait for any of them.");
        }
        assertThat(ChildProcesses.parts(all.get())).as("the parts given to the children, from -> to")
                .containsOnly(entry(0L, 1000L),
                        entry(1000L, 2000L),
                        entry(2000L, 3000L));
        ChildProcesses.open(gate);
        Deadline end = Deadline.atMostSeconds(20);
        assertThat(find.awaitEnd(end)).as("find ended within %s once its children could run", end).isTrue();
        assertThat(find.value()).as("find(0, 3000, 3, options)")
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 153L, 370L, 371L, 407L, 1634L);
    }

    @Test
    @DisplayName("4.1 a child that fails makes find throw an IOException saying why")
    void aFailingChildMakesFindThrow() throws Exception {
        List<String> options = new ArrayList<>(ChildProcesses.QUICK);
        options.add("-XX:+NoSuchGradelockOption"); // the JVM refuses to start: exit status 1
        Background<List<Long>> find = Background.start("find-caller", () -> ProcessSplitter.find(0, 1000, 2, options));
        call = find;
        Deadline end = Deadline.atMostSeconds(20);
        assertThat(find.awaitEnd(end)).as("find ended within %s although its children could not start", end).isTrue();
        assertThat(find.thrown()).as("what find(0, 1000, 2, [-XX:+NoSuchGradelockOption]) threw")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unrecognized VM option");
    }

    @Test
    @DisplayName("4.2 interrupting find ends it, and no child outlives it")
    void anInterruptLeavesNoChild() throws Exception {
        gate = ChildProcesses.newGate(); // never opened: the children would wait for ever
        List<String> options = ChildProcesses.gated(gate);
        Background<List<Long>> find = Background.start("find-caller", () -> ProcessSplitter.find(0, 2000, 2, options));
        call = find;
        List<Child> mostAtOnce = new ArrayList<>();
        Deadline deadline = Deadline.atMostSeconds(10);
        List<Child> children = ChildProcesses.awaitAliveAtOnce(ArmstrongWorker.class, 2, deadline, mostAtOnce, find)
                .orElseThrow(() -> new AssertionError("Expected 2 ArmstrongWorker children alive at once within " + deadline + ", saw " + mostAtOnce
                        + (find.ended() ? ", and find " + find.outcome() : "")));
        find.thread().interrupt();
        Deadline end = Deadline.atMostSeconds(10);
        assertThat(find.awaitEnd(end)).as("find ended within %s of its thread being interrupted", end).isTrue();
        assertThat(find.thrown()).as("what find threw when interrupted").isInstanceOf(InterruptedException.class);
        assertThat(ChildProcesses.stillAliveAfter(children.stream().map(Child::handle).toList(), Duration.ofSeconds(2)))
                .as("children still alive 2 s after find ended").isEmpty();
    }
}
