package multiprocess;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import multiprocess.ChildProcesses.Child;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The public tests of tasks 5 and 6 (Doubler and DoublerClient), with real child JVMs. */
@Timeout(30)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class DoublerTests {

    @AfterEach
    void leaveNothingRunning() {
        ChildProcesses.killAll();
    }

    @Test
    @DisplayName("5.1 Doubler answers each line while its input is still open")
    void doublerAnswersEachLine() throws Throwable {
        Process doubler = new ProcessBuilder(ChildProcesses.java(), "-cp", System.getProperty("java.class.path"),
                Doubler.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Writer in = new OutputStreamWriter(doubler.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(doubler.getInputStream(), StandardCharsets.UTF_8));
        Background<String> answer = Background.start("doubler-reader", out::readLine);
        in.write("21\n");
        in.flush();
        Deadline answerDeadline = Deadline.atMostSeconds(10);
        assertThat(answer.awaitEnd(answerDeadline)).as("Doubler answered 21 within %s, its input still open", answerDeadline).isTrue();
        assertThat(answer.value()).as("Doubler's answer to 21").isEqualTo("42");
        in.close();
        Deadline endDeadline = Deadline.atMostSeconds(10);
        assertThat(doubler.waitFor(endDeadline.toMillis(), TimeUnit.MILLISECONDS))
                .as("Doubler ended within %s of the end of its input", endDeadline).isTrue();
        assertThat(doubler.exitValue()).as("Doubler's exit status").isZero();
    }

    @Test
    @DisplayName("6.1 DoublerClient doubles through a child JVM, and close() ends that child")
    void clientDoublesThroughAChild() throws Throwable {
        DoublerClient client = DoublerClient.start();
        Background<Long> answer = Background.start("client-caller", () -> client.call(21));
        Deadline deadline = Deadline.atMostSeconds(10);
        assertThat(answer.awaitEnd(deadline)).as("call(21) returned within %s", deadline).isTrue();
        assertThat(answer.value()).as("call(21)").isEqualTo(42L);
        List<Child> children = ChildProcesses.running(Doubler.class);
        assertThat(children).as("child processes of this JVM running Doubler").hasSize(1);
        client.close();
        assertThat(ChildProcesses.stillAliveAfter(List.of(children.get(0).handle()), Duration.ofSeconds(2)))
                .as("the Doubler child, 2 s after close()").isEmpty();
    }
}
