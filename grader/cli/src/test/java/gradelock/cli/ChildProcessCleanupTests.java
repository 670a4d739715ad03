package gradelock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a submission starts outlives its grading. A multiprocess-split submission here starts, from inside the
 * code under test, child JVMs that would run for ten minutes and whose standard streams lead nowhere (so they cannot
 * notice their parent's end): one before a call that hangs, ignoring interrupts, so that its test ends by timeout
 * and its test JVM is ended with the child alive; and one in every {@code DoublerClient.close()}, which the tests
 * call after killing their JVM's children, so that the test JVM that runs the rest ends normally with a child alive.
 * After the grading, no process on the machine carries this run's marker.
 */
class ChildProcessCleanupTests {

    @Test
    void noChildJvmOfASubmissionOutlivesItsGrading(@TempDir Path submission) throws Exception {
        String marker = "-Dgradelock.cleanupTest=" + UUID.randomUUID();
        Path sources = Files.createDirectories(submission.resolve("multiprocess"));
        Files.writeString(sources.resolve("Armstrong.java"), """
                package multiprocess;

                import java.io.File;
                import java.nio.file.Path;
                import java.util.List;

                public final class Armstrong {
                    private static boolean childStarted;

                    /**
                     * Starts a child JVM that sleeps ten minutes, its streams leading nowhere (it cannot notice its
                     * parent's end), and returns once it runs: its main has written its file in this JVM's
                     * temporary folder, the one place a test JVM may write.
                     */
                    static void startChild(String role) {
                        try {
                            String folder = System.getProperty("java.io.tmpdir");
                            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                    "MARKER", "-cp", System.getProperty("java.class.path"),
                                    "multiprocess.ArmstrongWorker", role, folder)
                                    .redirectInput(new File("/dev/null"))
                                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                            Path started = Path.of(folder, role + "-" + child.pid());
                            for (int i = 0; i < 1000 && !started.toFile().exists(); i++) {
                                Thread.sleep(20);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    public static synchronized boolean isArmstrong(long n) {
                        if (!childStarted) {
                            childStarted = true;
                            startChild("before-timeout");
                        }
                        if (n == 1634) { // the first test that asks hangs, whatever interrupts it
                            while (true) {
                                try {
                                    Thread.sleep(1000);
                                } catch (InterruptedException ignored) {
                                }
                            }
                        }
                        return n < 10 || n == 153 || n == 370 || n == 371 || n == 407;
                    }

                    public static List<Long> findInRange(long from, long to) {
                        return List.of();
                    }
                }
                """.replace("MARKER", marker));
        Files.writeString(sources.resolve("ArmstrongWorker.java"), """
                package multiprocess;

                import java.nio.file.Files;
                import java.nio.file.Path;

                public final class ArmstrongWorker {
                    public static void main(String[] args) throws Exception {
                        if (args.length == 2) {
                            Files.writeString(Path.of(args[1], args[0] + "-" + ProcessHandle.current().pid()), "started");
                            Thread.sleep(600_000);
                        }
                    }
                }
                """);
        Files.writeString(sources.resolve("ProcessSplitter.java"), """
                package multiprocess;

                import java.util.List;

                public final class ProcessSplitter {
                    public static List<Long> find(long from, long to, int processes) {
                        return List.of();
                    }

                    public static List<Long> find(long from, long to, int processes, List<String> jvmOptions) {
                        return List.of();
                    }
                }
                """);
        Files.writeString(sources.resolve("Doubler.java"), """
                package multiprocess;

                public final class Doubler {
                    public static void main(String[] args) {
                    }
                }
                """);
        Files.writeString(sources.resolve("DoublerClient.java"), """
                package multiprocess;

                import java.io.IOException;

                public final class DoublerClient implements AutoCloseable {
                    public static DoublerClient start() {
                        return new DoublerClient();
                    }

                    public long call(long x) throws IOException {
                        throw new IOException("no child");
                    }

                    // the tests call close() after they have killed the children of their JVM: the child started by
                    // the last close() is still alive when that JVM ends normally
                    @Override
                    public void close() {
                        Armstrong.startChild("after-cleanup");
                    }
                }
                """);

        // the child JVMs' roles, as seen in the process table while the grading runs
        Set<String> rolesSeen = ConcurrentHashMap.newKeySet();
        AtomicBoolean grading = new AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().daemon().start(() -> {
            while (grading.get()) {
                marked(marker).forEach(child -> child.info().arguments().ifPresent(args -> rolesSeen.addAll(Arrays.asList(args))));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        });
        try {
            ExerciseOutcome outcome = Course.grade(submission, "multiprocess-split").exercise("multiprocess-split");
            grading.set(false);
            watcher.join();

            TestOutcome hung = outcome.tests().stream().filter(t -> t.name().equals("ArmstrongTests.smallArmstrongNumbers")).findFirst().orElseThrow();
            assertThat(hung.verdict()).as("the test whose call hangs (%s)", hung.message()).isEqualTo(Verdict.TIMEOUT);
            assertThat(rolesSeen).as("child JVMs the submission started: one in the test JVM ended after the timeout, "
                    + "others in the test JVM that ran the remaining tests and ended normally")
                    .contains("before-timeout", "after-cleanup");
            assertThat(marked(marker)).as("processes started by the submission still alive after its grading").isEmpty();
        } finally {
            grading.set(false);
            marked(marker).forEach(ProcessHandle::destroyForcibly); // never left to the next test, even when this one fails
        }
    }

    private static List<ProcessHandle> marked(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(marker)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }
}
