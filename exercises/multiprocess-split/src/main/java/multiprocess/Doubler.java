package multiprocess;

import java.io.IOException;

/**
 * The child of the Pipe example ({@code c.send(c.recv() * 2)}), over standard input and output: reads one number a
 * line and writes its double on a line, flushing after every line, so that the parent gets each answer while it
 * waits for it.
 */
public final class Doubler {

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
        throw new UnsupportedOperationException("TODO: read a line, write its double, flush, until the end of input");
    }
}
