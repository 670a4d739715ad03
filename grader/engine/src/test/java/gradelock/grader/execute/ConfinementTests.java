package gradelock.grader.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.grade.Scorer;
import gradelock.grader.model.ExerciseSpec;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real test JVM, confined as the grader confines every one where the machine allows: its tests (ConfinementFixture)
 * try to write outside their folder, to leave their control group, to see any process but their own, and to reach
 * an address of this machine that is not loopback, where this test listens; each must fail, while loopback and the
 * temporary folder work.
 */
class ConfinementTests {

    @Test
    void aTestJvmWritesOnlyInItsFolderAndReachesOnlyLoopback(@TempDir Path workDir, @TempDir Path outsideFolder) throws Exception {
        assumeTrue(Confinement.onThisMachine().isPresent(), "this machine does not let the grader start a test JVM in namespaces of its own");
        Optional<InetAddress> outsideAddress = nonLoopbackAddress();
        try (ServerSocket listener = outsideAddress.isPresent() ? new ServerSocket(0, 50, outsideAddress.get()) : null) {
            Path outsideFile = outsideFolder.resolve("escaped.txt");
            List<String> jvmOptions = new ArrayList<>(ForkOptions.DEFAULT_JVM_OPTIONS);
            jvmOptions.add("-D" + "gradelock.fixtures.outsideFile=" + outsideFile);
            if (listener != null) {
                jvmOptions.add("-D" + "gradelock.fixtures.outsideAddress=" + listener.getInetAddress().getHostAddress() + " " + listener.getLocalPort());
            }
            ExerciseSpec spec = new ExerciseSpec("fixture", "Fixture", "gradelock.fixtures", List.of(),
                    List.of("gradelock.fixtures.ConfinementFixture"), List.of(), 10, 120, 0);
            CompiledSubmission submission = new CompiledSubmission("fixture", Files.createDirectories(workDir.resolve("classes")), Map.of());
            Map<String, TestOutcome> outcomes = new ConcurrentHashMap<>();

            new ForkRunner(ForkOptions.likeThisJvm().withJvmOptions(jvmOptions), workDir)
                    .run(spec, submission, runs -> outcomes.put(runs.test().name(), Scorer.score(spec, runs)));

            assertThat(outcomes).hasSize(6);
            outcomes.forEach((name, outcome) ->
                    assertThat(outcome.verdict()).as("%s: %s", name, outcome.message()).isEqualTo(Verdict.PASSED));
            assertThat(outsideFile).doesNotExist();
            assertThat(workDir.resolve("escaped.txt")).doesNotExist();
            if (listener != null) {
                listener.setSoTimeout(1);
                try {
                    listener.accept().close();
                    throw new AssertionError("a confined test JVM connected to " + listener.getLocalSocketAddress());
                } catch (SocketTimeoutException expected) {
                    // nothing came
                }
            }
        }
    }

    /** An IPv4 address of this machine's that is not loopback, for a listener the test JVM must not reach. */
    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (networkInterface.isUp() && !networkInterface.isLoopback()) {
                Optional<InetAddress> address = networkInterface.inetAddresses().filter(Inet4Address.class::isInstance).findFirst();
                if (address.isPresent()) {
                    return address;
                }
            }
        }
        return Optional.empty();
    }
}
