package gradelock.grader.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gradelock.grader.compile.CompiledSubmission;
import gradelock.grader.grade.Scorer;
import gradelock.grader.model.ExerciseSpec;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's limit on a test JVM's tasks, proven with real shells: where this machine lets the grader make a pids
 * group (root on Linux with cgroups), a process tree that forks without end is held at the limit and killed whole.
 */
class TaskLimitTests {

    /**
     * A binary tree of shells 12 levels deep: 8,191 processes if nothing stops it, so that a broken limit costs a
     * slow test, not the machine. It waits for a line on standard input, so it is enclosed before it forks.
     */
    private static final String BOUNDED_FORK_BOMB =
            "read go; f() { if [ \"$1\" -gt 0 ]; then f $(($1 - 1)) & f $(($1 - 1)) & wait; else sleep 60; fi; }; f 12";

    @Test
    void aForkBombIsHeldAtTheLimitAndKilledWhole() throws IOException {
        Process bomb = new ProcessBuilder("sh", "-c", BOUNDED_FORK_BOMB).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Optional<TaskLimit> enclosed = TaskLimit.enclose(bomb.toHandle(), 64);
        if (enclosed.isEmpty()) {
            bomb.destroyForcibly();
        }
        assumeTrue(enclosed.isPresent(), "this machine does not let the grader make a pids control group");
        List<ProcessHandle> seen;
        try (TaskLimit limit = enclosed.get()) {
            go(bomb);
            await("the kernel refusing a fork past the limit").atMost(Duration.ofSeconds(30)).until(limit::reached);
            seen = Stream.concat(Stream.of(bomb.toHandle()), bomb.descendants()).toList();
            limit.killAll();
            assertThat(limit.peak()).as("the most tasks the bomb had at once, where the kernel records it").isBetween(-1L, 64L);
            assertThat(Stream.concat(seen.stream(), bomb.descendants()).filter(ProcessHandle::isAlive).toList())
                    .as("processes of the bomb still alive after killAll").isEmpty();
        }
    }

    @Test
    void aProcessThatStaysUnderTheLimitIsNotReported() throws IOException, InterruptedException {
        Process quiet = new ProcessBuilder("sh", "-c", "read go; sleep 0.1 & sleep 0.1 & wait").start();
        Optional<TaskLimit> enclosed = TaskLimit.enclose(quiet.toHandle(), 64);
        if (enclosed.isEmpty()) {
            quiet.destroyForcibly();
        }
        assumeTrue(enclosed.isPresent(), "this machine does not let the grader make a pids control group");
        try (TaskLimit limit = enclosed.get()) {
            go(quiet);
            assertThat(quiet.waitFor()).isZero();
            assertThat(limit.reached()).as("limit reached by three processes of 64").isFalse();
            assertThat(limit.peak()).as("the most tasks at once, where the kernel records it").isIn(-1L, 2L, 3L);
        }
    }

    @Test
    void aTestJvmThatReachesTheLimitIsKilledWithAVerdictNamingItAndTheNextTestRunsInAFreshOne(@TempDir Path workDir) throws Exception {
        assumeTrue(TaskLimit.available(), "this machine does not let the grader make a pids control group");
        ExerciseSpec spec = new ExerciseSpec("fixture", "Fixture", "gradelock.fixtures", List.of(),
                List.of("gradelock.fixtures.ThreadBombFixture"), List.of(), 10, 120, 0);
        CompiledSubmission submission = new CompiledSubmission("fixture", Files.createDirectories(workDir.resolve("classes")), Map.of());
        Map<String, TestOutcome> outcomes = new ConcurrentHashMap<>();
        Set<Long> before = descendants();

        new ForkRunner(ForkOptions.likeThisJvm().withMaxTasks(96), workDir)
                .run(spec, submission, runs -> outcomes.put(runs.test().name(), Scorer.score(spec, runs)));

        TestOutcome bomb = outcomes.get("ThreadBombFixture.startsThreadsPastTheLimit");
        assertThat(bomb.verdict()).as("verdict of the test past the limit; its message: %s", bomb.message()).isEqualTo(Verdict.ERROR);
        assertThat(bomb.message()).contains("Too many threads and processes", "the limit of 96");
        TestOutcome fresh = outcomes.get("ThreadBombFixture.runsInAFreshJvm");
        assertThat(fresh.verdict()).as("verdict of the test after it; its message: %s", fresh.message()).isEqualTo(Verdict.PASSED);
        assertThat(descendants()).as("processes left behind").isSubsetOf(before);
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static void go(Process process) throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }
}
