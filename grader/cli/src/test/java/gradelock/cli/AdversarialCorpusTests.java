package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import gradelock.grader.Grader;
import gradelock.grader.execute.Confinement;
import gradelock.grader.execute.ForkOptions;
import gradelock.grader.report.GradingObserver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Submissions written to break or fool the grader, kept under {@code solutions/<id>/adversarial/<attack>/} with an
 * {@code expected.json}. Each is graded as a student's would be, and must get its expected outcome within the
 * exercise's budget, gain no points it did not earn, and leave no process and no temporary file behind. An attack
 * that hangs its test names that test in {@code only_tests}: one hung test proves the point, thirty would only
 * spend the budget.
 */
class AdversarialCorpusTests {

    /** What an attack must come to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Expected(@JsonProperty("attack") String attack, @JsonProperty("status") String status,
                    @JsonProperty("message_contains") List<String> messageContains, @JsonProperty("lost") List<Lost> lost,
                    @JsonProperty("score_at_most") Integer scoreAtMost, @JsonProperty("only_tests") List<String> onlyTests,
                    @JsonProperty("no_process_matching") String noProcessMatching,
                    @JsonProperty("no_file_at") String noFileAt, @JsonProperty("listen_outside") boolean listenOutside,
                    @JsonProperty("needs_confinement") boolean needsConfinement) {
        Expected {
            messageContains = messageContains == null ? List.of() : messageContains;
            lost = lost == null ? List.of() : lost;
            onlyTests = onlyTests == null ? List.of() : onlyTests;
        }
    }

    /** A test the attack must lose, with this verdict, and (if given) a message that contains this. */
    record Lost(@JsonProperty("test") String test, @JsonProperty("verdict") String verdict,
                @JsonProperty("message_contains") String messageContains) {
    }

    @TempDir
    Path workRoot;

    static Stream<String> attacks() {
        return Course.variants("adversarial");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void anAttackGetsItsVerdictGainsNothingAndLeavesNothingBehind(String attack) throws IOException {
        Path folder = Course.variantFolder("adversarial", attack);
        Expected expected = Course.readJson(folder.resolve("expected.json"), Expected.class);
        String exerciseId = Course.exerciseOf(attack);
        int budgetSeconds = Course.CATALOG.find(exerciseId).orElseThrow().budgetSeconds();
        // an attack that only the namespaces hold would, where there are none, succeed: write outside, reach past
        // loopback, or kill this very JVM
        if (expected.needsConfinement()) {
            assumeTrue(Confinement.onThisMachine().isPresent(), attack + " is held only by the confinement this machine does not allow");
        }
        ForkOptions forkOptions = ForkOptions.likeThisJvm();
        Optional<ServerSocket> outside = expected.listenOutside() ? Optional.of(listenOutsideLoopback()) : Optional.empty();
        if (outside.isPresent()) {
            // the attack's server: an address of this machine that is not loopback, as a student's own would be
            List<String> jvmOptions = new ArrayList<>(forkOptions.jvmOptions());
            jvmOptions.add("-Dgradelock.corpus.outside=" + outside.get().getInetAddress().getHostAddress() + " " + outside.get().getLocalPort());
            forkOptions = forkOptions.withJvmOptions(jvmOptions);
        }
        if (expected.noFileAt() != null) {
            Files.deleteIfExists(Path.of(expected.noFileAt())); // a failed run's, which would blame this one
        }
        Set<Long> processesBefore = descendants();
        long start = System.nanoTime();

        GradingResult result;
        try {
            result = new Grader(Course.CATALOG, forkOptions, workRoot)
                    .grade(folder, List.of(exerciseId), Set.copyOf(expected.onlyTests()), new GradingObserver() { });
            if (outside.isPresent()) {
                assertThat(connectionsTo(outside.get())).as("connections %s made past loopback", attack).isZero();
            }
        } finally {
            if (outside.isPresent()) {
                outside.get().close();
            }
        }

        long millis = (System.nanoTime() - start) / 1_000_000;
        long seconds = millis / 1_000;
        ExerciseOutcome outcome = result.exercises().get(0);
        // the figures docs/security.md's corpus table is made from
        System.out.printf("[corpus] %s: %s, %d/%d, %.1f s%n", attack, outcome.status().jsonName(), outcome.score(), outcome.maxScore(), millis / 1000.0);
        assertThat(seconds).as("seconds to grade %s (budget %d s)", attack, budgetSeconds).isLessThanOrEqualTo(budgetSeconds);
        assertThat(outcome.status().jsonName()).as("status of %s; its message: %s", attack, outcome.message()).isEqualTo(expected.status());
        if (!expected.messageContains().isEmpty()) {
            assertThat(outcome.message()).as("message of %s", attack).contains(expected.messageContains());
        }
        for (Lost lost : expected.lost()) {
            TestOutcome test = outcome.tests().stream().filter(t -> t.name().equals(lost.test())).findFirst()
                    .orElseThrow(() -> new AssertionError(attack + ": no test " + lost.test() + " was graded"));
            assertThat(test.verdict()).as("verdict of %s for %s (message: %s)", lost.test(), attack, test.message())
                    .isEqualTo(Verdict.fromJsonName(lost.verdict()));
            if (lost.messageContains() != null) {
                assertThat(test.message()).as("message of %s for %s", lost.test(), attack).contains(lost.messageContains());
            }
        }
        if (expected.scoreAtMost() != null) {
            assertThat(outcome.score()).as("score of %s", attack).isLessThanOrEqualTo(expected.scoreAtMost());
        }
        assertThat(descendants()).as("processes left behind by grading %s", attack).isSubsetOf(processesBefore);
        if (expected.noProcessMatching() != null) {
            // a process that escaped the test JVM's tree is no descendant of anything here: look for it by its command line
            assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .map(process -> process.info().commandLine().orElse(""))
                    .filter(line -> line.contains(expected.noProcessMatching())).toList())
                    .as("processes left behind by grading %s that match '%s'", attack, expected.noProcessMatching()).isEmpty();
        }
        try (Stream<Path> left = Files.list(workRoot)) {
            assertThat(left).as("files left behind in the grader's temporary folder by grading %s", attack).isEmpty();
        }
        if (expected.noFileAt() != null) {
            Path forbidden = Path.of(expected.noFileAt());
            boolean written = Files.deleteIfExists(forbidden);
            assertThat(written).as("%s wrote %s, outside its temporary folder", attack, forbidden).isFalse();
        }
    }

    /** A listener on the first IPv4 address of this machine that is not loopback. */
    private static ServerSocket listenOutsideLoopback() throws IOException {
        for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (networkInterface.isUp() && !networkInterface.isLoopback()) {
                Optional<InetAddress> address = networkInterface.inetAddresses().filter(Inet4Address.class::isInstance).findFirst();
                if (address.isPresent()) {
                    return new ServerSocket(0, 50, address.get());
                }
            }
        }
        assumeTrue(false, "this machine has no address but loopback to listen on");
        throw new AssertionError("unreachable");
    }

    /** How many connections are waiting on {@code listener}, taking each. */
    private static int connectionsTo(ServerSocket listener) throws IOException {
        listener.setSoTimeout(1);
        int connections = 0;
        while (true) {
            try {
                listener.accept().close();
                connections++;
            } catch (SocketTimeoutException none) {
                return connections;
            }
        }
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
    }

}
