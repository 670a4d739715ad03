package multiprocess;

import gradelock.testkit.Points;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import multiprocess.ChildProcesses.Child;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of ProcessSplitter. Each watches the children of this JVM through {@link ProcessHandle} while
 * {@code find} runs on a thread of its own. Where a test must see the children alive, they are held by a
 * {@link ChildGate} (their system class loader, from the JVM options the test passes) until the test opens it, or
 * for ever: a splitter that waits for one child before starting the next can then never show them all at once, and
 * one that leaves children behind leaves them alive for the test to find. No test depends on how fast anything runs.
 */
@Timeout(30)
class ProcessSplitterHiddenTests {

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

    private Background<List<Long>> find(long from, long to, int processes, List<String> options) {
        Background<List<Long>> find = Background.start("find-caller", () -> ProcessSplitter.find(from, to, processes, options));
        call = find;
        return find;
    }

    private static List<Child> awaitWorkers(int count, String during, Background<?> find) throws InterruptedException {
        List<Child> mostAtOnce = new ArrayList<>();
        Deadline deadline = Deadline.atMostSeconds(10);
        Optional<List<Child>> all = ChildProcesses.awaitAliveAtOnce(ArmstrongWorker.class, count, deadline, mostAtOnce, find);
        if (all.isEmpty()) {
            fail("Expected " + count + " ArmstrongWorker child processes of this JVM alive at the same time during " + during
                    + ", each held before its main() until the test had seen them all, but "
                    + (find.ended() ? "find " + find.outcome() + " having shown" : "within " + deadline + " saw")
                    + " at most " + mostAtOnce.size() + " at once" + (mostAtOnce.isEmpty() ? "" : ": " + mostAtOnce)
                    + ". Start every child before waiting for any of them, each in its own JVM (ProcessBuilder).");
        }
        return all.get().stream().sorted(Comparator.comparingLong(Child::from)).toList();
    }

    private static List<Long> valueWithin(Background<List<Long>> find, long seconds, String what) throws Throwable {
        Deadline deadline = Deadline.atMostSeconds(seconds);
        if (!find.awaitEnd(deadline)) {
            fail("Expected " + what + " to return within " + deadline + ", but it was still running.");
        }
        return find.value();
    }

    private static void assertNoWorkerLeft(String after) throws InterruptedException {
        List<Child> workers = ChildProcesses.running(ArmstrongWorker.class);
        List<ProcessHandle> left = ChildProcesses.stillAliveAfter(workers.stream().map(Child::handle).toList(), Duration.ofSeconds(2));
        if (!left.isEmpty()) {
            fail("Expected no ArmstrongWorker child alive 2 s after " + after + ", but these still were: "
                    + workers.stream().filter(w -> left.contains(w.handle())).toList()
                    + ". Destroy every child on every way out of find (a finally block), and wait until it is gone.");
        }
    }

    @Test
    @Points(4)
    void allChildrenRunAtTheSameTimeEachOnANearlyEqualPartOfItsOwn() throws Throwable {
        gate = ChildProcesses.newGate();
        List<String> options = ChildProcesses.gated(gate);
        Background<List<Long>> find = find(100, 1635, 3, options);
        List<Child> workers = awaitWorkers(3, "find(100, 1635, 3, options)", find);

        Path java = Path.of(ChildProcesses.java()).toRealPath();
        for (Child worker : workers) {
            assertThat(worker.jvmArguments()).as("the JVM options of child %s", worker).containsAll(options);
            Optional<String> command = worker.handle().info().command();
            if (command.isPresent()) {
                assertThat(Path.of(command.get()).toRealPath()).as("the java executable of child %s", worker).isEqualTo(java);
            }
        }
        assertThat(workers.get(0).from()).as("where the first part starts").isEqualTo(100);
        assertThat(workers.get(2).to()).as("where the last part ends").isEqualTo(1635);
        for (int i = 0; i < 3; i++) {
            Child worker = workers.get(i);
            assertThat(worker.to() - worker.from()).as("the length of part %s of [100, 1635) in 3 parts (1535 numbers)", worker.arguments())
                    .isBetween(511L, 512L);
            if (i > 0) {
                assertThat(worker.from()).as("where part %s starts: where the part before it ends", worker.arguments())
                        .isEqualTo(workers.get(i - 1).to());
            }
        }
        ChildProcesses.open(gate);
        assertThat(valueWithin(find, 20, "find(100, 1635, 3, options) with its children let go"))
                .as("find(100, 1635, 3, options)").containsExactly(153L, 370L, 371L, 407L, 1634L);
        assertNoWorkerLeft("find returned");
    }

    @Test
    @Points(2)
    void partsThatMeetAtAnArmstrongNumberCountItOnce() throws Throwable {
        // [370, 372) in two parts: [370, 371) and [371, 372); 371 is an Armstrong number on the boundary
        assertThat(valueWithin(find(370, 372, 2, ChildProcesses.QUICK), 20, "find(370, 372, 2)"))
                .as("find(370, 372, 2)").containsExactly(370L, 371L);
    }

    @Test
    @Points(2)
    void theLastNumbersOfARangeThatDoesNotSplitEvenlyAreSearchedToo() throws Throwable {
        // 255 numbers in two parts: one of 128 and one of 127; 407, the range's last number, is an Armstrong number
        assertThat(valueWithin(find(153, 408, 2, ChildProcesses.QUICK), 20, "find(153, 408, 2)"))
                .as("find(153, 408, 2)").containsExactly(153L, 370L, 371L, 407L);
    }

    @Test
    @Points(2)
    void aChildThatCannotStartTheJvmMakesFindThrowNamingItsPartStatusAndError() throws Throwable {
        List<String> options = new ArrayList<>(ChildProcesses.QUICK);
        options.add("-XX:+NoSuchGradelockOption");
        Background<List<Long>> find = find(0, 1000, 2, options);
        Deadline deadline = Deadline.atMostSeconds(20);
        if (!find.awaitEnd(deadline)) {
            fail("Expected find(0, 1000, 2, [-XX:+NoSuchGradelockOption]) to throw an IOException once its children "
                    + "failed (the JVM does not start with an unknown option: exit status 1), but it was still running after " + deadline + ".");
        }
        assertThat(find.thrown()).as("what find(0, 1000, 2, [-XX:+NoSuchGradelockOption]) threw (children that exit with 1)")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("500") // both parts, [0, 500) and [500, 1000), have it
                .hasMessageFindingMatch("\\b1\\b")
                .hasMessageContaining("Unrecognized VM option");
        assertNoWorkerLeft("find threw");
    }

    @Test
    @Points(4)
    void aChildThatFailsGetsTheOthersDestroyedAtOnce() throws Throwable {
        gate = ChildProcesses.newGate(); // never opened: the two other children wait for ever
        List<String> options = ChildProcesses.gated(gate, "-D" + ChildGate.FAIL_FROM + "=1000");
        Background<List<Long>> find = find(0, 3000, 3, options);
        Deadline deadline = Deadline.atMostSeconds(15);
        if (!find.awaitEnd(deadline)) {
            List<Child> alive = ChildProcesses.running(ArmstrongWorker.class);
            fail("Expected find(0, 3000, 3, options) to throw an IOException as soon as the child for [1000, 2000) "
                    + "exited with status 3, and to destroy the other children, which were waiting for ever; but after " + deadline
                    + " it was still running, with these children alive: " + alive + ". Watch every child at once, "
                    + "not one after the other in the order they started.");
        }
        assertThat(find.thrown()).as("what find threw when the child for [1000, 2000) exited with status 3")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1000")
                .hasMessageContaining("2000")
                .hasMessageFindingMatch("\\b3\\b")
                .hasMessageContaining(ChildGate.FAILURE_LINE);
        assertNoWorkerLeft("find threw");
    }

    @Test
    @Points(3)
    void anInterruptEndsFindAndDestroysEveryChild() throws Throwable {
        gate = ChildProcesses.newGate(); // never opened
        Background<List<Long>> find = find(0, 2000, 2, ChildProcesses.gated(gate));
        awaitWorkers(2, "find(0, 2000, 2, options)", find);
        find.thread().interrupt();
        Deadline deadline = Deadline.atMostSeconds(10);
        if (!find.awaitEnd(deadline)) {
            fail("Expected find to end within " + deadline + " after its thread was interrupted (its children were waiting for ever), "
                    + "but it was still running. Let InterruptedException out of find, after destroying the children.");
        }
        assertThat(find.thrown()).as("what find threw when its thread was interrupted").isInstanceOf(InterruptedException.class);
        assertNoWorkerLeft("find ended by an interrupt");
    }

    @Test
    @Points(2)
    void childrenThatWriteMuchToStandardErrorStillFinish() throws Throwable {
        gate = ChildProcesses.newGate();
        ChildProcesses.open(gate);
        // a megabyte on standard error fills the pipe many times over: a child whose standard error nobody reads
        // while it runs blocks on its next write and never ends
        List<String> options = ChildProcesses.gated(gate, "-D" + ChildGate.STDERR_BYTES + "=1000000");
        List<Long> found = valueWithin(find(0, 2000, 2, options), 20,
                "find(0, 2000, 2, options) with children that write 1 MB to standard error and then exit with 0");
        assertThat(found).as("find(0, 2000, 2, options)")
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 153L, 370L, 371L, 407L, 1634L);
    }
}
