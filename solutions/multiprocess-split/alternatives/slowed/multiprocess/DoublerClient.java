package multiprocess;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The parent's end of the Pipe example: a {@link Doubler} in a child JVM, asked one number at a time over the
 * child's standard input and output.
 *
 * <p>Made slower on purpose: every call dawdles for a fixed time before it sends its number, and start() before it
 * starts the child; never while waiting for the child.
 */
public final class DoublerClient implements AutoCloseable {

    /** Extra cost of each call, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 1_000_000;

    private final Process process;
    private final Writer toChild;
    private final BufferedReader fromChild;
    private boolean closed;

    private DoublerClient(Process process) {
        this.process = process;
        this.toChild = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@link Doubler} in a child JVM: the same {@code java} executable and class path as this JVM.
     *
     * @return a client talking to that child
     * @throws IOException if the child cannot start
     */
    public static DoublerClient start() throws IOException {
        dawdle();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Doubler.class.getName());
        // the child's standard error goes where ours goes: a child that fails to start says why there
        return new DoublerClient(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /**
     * Sends {@code x} to the child and waits for its answer.
     *
     * @param x the number to double
     * @return what the child answered: {@code 2 * x}
     * @throws IOException if the child has died, or this client is closed
     */
    public synchronized long call(long x) throws IOException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        dawdle();
        toChild.write(x + "\n");
        toChild.flush(); // the child reads a line only once we have sent all of it
        String answer = fromChild.readLine();
        if (answer == null) {
            throw new IOException("the Doubler child has ended (" + describeExit() + ")");
        }
        try {
            return Long.parseLong(answer.trim());
        } catch (NumberFormatException e) {
            throw new IOException("the Doubler child answered \"" + answer + "\", not a number", e);
        }
    }

    private String describeExit() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? "exit status " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for it";
        }
    }

    /**
     * Closes the child's standard input, so that it ends; waits up to 5 s for it to exit, then destroys it. When
     * this returns, the child is gone. Calling it again does nothing.
     *
     * @throws IOException never in practice: a child that has died already is fine
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            toChild.close();
        } catch (IOException alreadyGone) {
            // a child that has died cannot be told to stop, and need not be
        }
        boolean interrupted = false;
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        fromChild.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path, never while waiting. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
