package multiprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child of the seeds' Pipe example ({@code c.send(c.recv() * 2)}), over standard input and output: reads one
 * number a line, writes its double on a line, and flushes after every line, so that the parent gets each answer
 * while it waits for it rather than when a buffer happens to fill up.
 *
 * <p>Made slower on purpose: it dawdles for a fixed time over every line it has read, before it answers.
 */
public final class Doubler {

    /** Extra cost of each line answered, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 1_000_000;

    private Doubler() {
    }

    /**
     * Reads one {@code long} per line from standard input and writes its double per line to standard output,
     * flushing each, until the end of input; then exits with status 0.
     *
     * @param args ignored
     * @throws IOException if standard input or output fails
     */
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (String line; (line = in.readLine()) != null; ) {
            dawdle();
            out.println(Long.parseLong(line.trim()) * 2);
            out.flush(); // the parent is waiting for this very line
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
