package multiprocess;

import multiprocess.ChildProcesses.Run;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public tests of task 2 (ArmstrongWorker). A program that calls {@code System.exit} cannot run inside the test's
 * JVM, so each test runs it as a real child JVM and reads what it printed and its exit status.
 */
@Timeout(30)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class ArmstrongWorkerTests {

    @Test
    @DisplayName("2.1 the worker prints each Armstrong number of [from, to) on its own line and exits with 0")
    void printsTheNumbersOfItsPart() throws Exception {
        Run run = ChildProcesses.runMain(ArmstrongWorker.class, 20, "100", "1634");
        assertThat(run.status()).as("exit status of ArmstrongWorker 100 1634 (its standard error: %s)", run.stderr()).isZero();
        assertThat(run.lines()).as("lines printed by ArmstrongWorker 100 1634 (1634 is not in [100, 1634))")
                .containsExactly("153", "370", "371", "407");
    }

    @Test
    @DisplayName("2.2 bad arguments: a usage line on standard error, exit status 2")
    void badArguments() throws Exception {
        Run run = ChildProcesses.runMain(ArmstrongWorker.class, 20, "five", "ten");
        assertThat(run.status()).as("exit status of ArmstrongWorker five ten").isEqualTo(2);
        assertThat(run.stderr()).as("standard error of ArmstrongWorker five ten").containsIgnoringCase("usage");
        assertThat(run.stdout()).as("standard output of ArmstrongWorker five ten").isBlank();
    }
}
