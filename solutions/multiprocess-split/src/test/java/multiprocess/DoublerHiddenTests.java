package multiprocess;

import gradelock.testkit.Points;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import multiprocess.ChildProcesses.Child;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of Doubler and DoublerClient. Every read of an answer has a limit of its own: a child that keeps
 * its answer in a buffer is alive and silent, and the test says so instead of waiting for its timeout.
 */
@Timeout(30)
class DoublerHiddenTests {

    private DoublerClient client;

    @AfterEach
    void leaveNothingRunning() throws IOException {
        ChildProcesses.killAll();
        if (client != null) {
            client.close();
        }
    }

    @Test
    @Points(3)
    void doublerFlushesEveryAnswerAndEndsWithStatusZeroAtEndOfInput() throws Throwable {
        Process doubler = new ProcessBuilder(ChildProcesses.java(), "-cp", System.getProperty("java.class.path"),
                Doubler.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Writer in = new OutputStreamWriter(doubler.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(doubler.getInputStream(), StandardCharsets.UTF_8));
        long[] questions = {21, -7, 0, 4_611_686_018_427_387_903L};
        for (long x : questions) {
            in.write(x + "\n");
            in.flush();
            Background<String> answer = Background.start("doubler-reader", out::readLine);
            Deadline deadline = Deadline.atMostSeconds(10);
            if (!answer.awaitEnd(deadline)) {
                fail("Expected Doubler to answer " + x + " within " + deadline + " while its input stayed open, but no line came: "
                        + "flush standard output after every answer.");
            }
            assertThat(answer.value()).as("Doubler's answer to %d", x).isEqualTo(Long.toString(2 * x));
        }
        in.close();
        Deadline end = Deadline.atMostSeconds(10);
        assertThat(doubler.waitFor(end.toMillis(), TimeUnit.MILLISECONDS)).as("Doubler ended within %s of the end of its input", end).isTrue();
        assertThat(doubler.exitValue()).as("Doubler's exit status at the end of its input").isZero();
        assertThat(out.readLine()).as("what Doubler wrote after its last answer").isNull();
    }

    private long call(long x) throws Throwable {
        Background<Long> answer = Background.start("client-caller", () -> client.call(x));
        Deadline deadline = Deadline.atMostSeconds(10);
        if (!answer.awaitEnd(deadline)) {
            fail("Expected DoublerClient.call(" + x + ") to return within " + deadline + ", but it was still waiting for the child's "
                    + "answer. Flush what you send to the child; and the Doubler must flush each answer it writes.");
        }
        return answer.value();
    }

    private Child theDoublerChild() {
        List<Child> children = ChildProcesses.running(Doubler.class);
        assertThat(children).as("child processes of this JVM running multiprocess.Doubler, after DoublerClient.start()")
                .hasSize(1);
        return children.get(0);
    }

    @Test
    @Points(2)
    void theClientAsksADoublerInAChildJvm() throws Throwable {
        client = DoublerClient.start();
        for (long x = -50; x <= 50; x += 5) {
            assertThat(call(x)).as("call(%d)", x).isEqualTo(2 * x);
        }
        theDoublerChild();
    }

    @Test
    @Points(3)
    void closeEndsTheChildAndCanBeCalledAgain() throws Throwable {
        client = DoublerClient.start();
        assertThat(call(1)).as("call(1)").isEqualTo(2);
        Child child = theDoublerChild();
        Background<Void> close = Background.start("client-closer", () -> {
            client.close();
            return null;
        });
        // not shortened: close() may rightly wait 5 s for a Doubler that does not end at the end of its input
        if (!close.awaitEnd(new Deadline(Duration.ofSeconds(15), false))) {
            fail("Expected DoublerClient.close() to return within 15 s (close the child's input, wait up to 5 s, destroy it), "
                    + "but it was still running.");
        }
        close.value();
        assertThat(ChildProcesses.stillAliveAfter(List.of(child.handle()), Duration.ofSeconds(2)))
                .as("the Doubler child, 2 s after close() returned").isEmpty();
        client.close(); // a second close does nothing
    }

    @Test
    @Points(2)
    void callThrowsIOExceptionOnceTheChildHasDied() throws Throwable {
        client = DoublerClient.start();
        assertThat(call(3)).as("call(3)").isEqualTo(6);
        ProcessHandle child = theDoublerChild().handle();
        child.destroyForcibly();
        child.onExit().get(10, TimeUnit.SECONDS);
        Background<Long> answer = Background.start("client-caller", () -> client.call(4));
        Deadline deadline = Deadline.atMostSeconds(10);
        if (!answer.awaitEnd(deadline)) {
            fail("Expected DoublerClient.call(4) to throw an IOException once the child had died, but it was still waiting after " + deadline + ".");
        }
        assertThat(answer.thrown()).as("what call(4) threw after the Doubler child was killed").isInstanceOf(IOException.class);
    }
}
