package multiprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The parent's end of the Pipe example. Sends through a {@link PrintWriter} with automatic flushing, and waits for
 * the child's end through {@link Process#onExit()}.
 */
public final class DoublerClient implements AutoCloseable {

    private final Process process;
    private final PrintWriter toChild;
    private final BufferedReader fromChild;
    private volatile boolean closed;

    private DoublerClient(Process process) {
        this.process = process;
        this.toChild = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
        this.fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@link Doubler} in a child JVM: the same {@code java} executable and class path as this JVM.
     *
     * @return a client talking to that child
     * @throws IOException if the child cannot start
     */
    public static DoublerClient start() throws IOException {
        return new DoublerClient(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Doubler.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /**
     * Sends {@code x} to the child and waits for its answer.
     *
     * @param x the number to double
     * @return what the child answered: {@code 2 * x}
     * @throws IOException if the child has died
     */
    public synchronized long call(long x) throws IOException {
        if (closed || !process.isAlive()) {
            throw new IOException(closed ? "the client is closed" : "the Doubler child has ended");
        }
        toChild.println(x); // a PrintWriter never throws: it remembers the error, and checkError() flushes and tells
        if (toChild.checkError()) {
            throw new IOException("cannot write to the Doubler child: it has ended");
        }
        String answer = fromChild.readLine();
        if (answer == null) {
            throw new IOException("the Doubler child has ended before it answered");
        }
        return Long.parseLong(answer.strip());
    }

    /**
     * Closes the child's standard input, waits up to 5 s for it to exit, then destroys it. Calling it again does
     * nothing.
     *
     * @throws IOException never
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        toChild.close();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process.onExit().join();
        fromChild.close();
    }
}
