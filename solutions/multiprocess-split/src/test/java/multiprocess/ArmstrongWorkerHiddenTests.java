package multiprocess;

import gradelock.testkit.Points;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import multiprocess.ChildProcesses.Run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The hidden tests of ArmstrongWorker, each run as a real child JVM; the runs of one test start together. */
@Timeout(30)
class ArmstrongWorkerHiddenTests {

    private final ExecutorService runners = Executors.newFixedThreadPool(4, task -> new Thread(task, "worker-runner"));

    @AfterEach
    void leaveNothingRunning() {
        runners.shutdownNow();
        ChildProcesses.killAll();
    }

    private Future<Run> run(String... args) {
        Callable<Run> call = () -> ChildProcesses.runMain(ArmstrongWorker.class, 25, args);
        return runners.submit(call);
    }

    @Test
    @Points(2)
    void printsExactlyTheNumbersOfItsPartOnePerLine() throws Exception {
        Future<Run> middle = run("153", "407");
        Future<Run> digits = run("0", "10");
        Future<Run> empty = run("408", "408");
        assertRun("153 407", middle.get(), List.of("153", "370", "371"));
        assertRun("0 10", digits.get(), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        assertRun("408 408", empty.get(), List.of());
    }

    private static void assertRun(String args, Run run, List<String> expected) {
        assertThat(run.status()).as("exit status of ArmstrongWorker %s (standard error: %s)", args, run.stderr()).isZero();
        assertThat(run.lines()).as("the lines ArmstrongWorker %s printed", args).containsExactlyElementsOf(expected);
    }

    @Test
    @Points(2)
    void rejectsBadArgumentsWithAUsageLineAndStatusTwo() throws Exception {
        List<List<String>> bad = List.of(List.of(), List.of("10", "5"), List.of("-1", "5"), List.of("1", "2", "3"));
        List<Future<Run>> runs = bad.stream().map(args -> run(args.toArray(String[]::new))).toList();
        for (int i = 0; i < bad.size(); i++) {
            Run run = runs.get(i).get();
            String args = String.join(" ", bad.get(i));
            assertThat(run.status()).as("exit status of ArmstrongWorker %s (standard error: %s)", args, run.stderr()).isEqualTo(2);
            assertThat(run.stderr()).as("standard error of ArmstrongWorker %s", args).containsIgnoringCase("usage");
            assertThat(run.stdout()).as("standard output of ArmstrongWorker %s", args).isBlank();
        }
    }
}
