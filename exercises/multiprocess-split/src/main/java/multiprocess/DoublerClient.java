package multiprocess;

import java.io.IOException;

/**
 * The parent's end of the Pipe example: a {@link Doubler} in a child JVM, asked one number at a time over the
 * child's standard input and output.
 */
public final class DoublerClient implements AutoCloseable {

    private DoublerClient() {
    }

    /**
     * Starts {@link Doubler} in a child JVM: the same {@code java} executable and class path as this JVM.
     *
     * @return a client talking to that child
     * @throws IOException if the child cannot start
     */
    public static DoublerClient start() throws IOException {
        throw new UnsupportedOperationException("TODO: start multiprocess.Doubler with ProcessBuilder");
    }

    /**
     * Sends {@code x} to the child and waits for its answer.
     *
     * @param x the number to double
     * @return what the child answered: {@code 2 * x}
     * @throws IOException if the child has died
     */
    public long call(long x) throws IOException {
        throw new UnsupportedOperationException("TODO: write x and a newline to the child, flush, read its answer line");
    }

    /**
     * Closes the child's standard input, so that it ends; waits up to 5 s for it to exit, then destroys it. When
     * this returns, the child is gone. Calling it again does nothing.
     *
     * @throws IOException if closing the child's input fails
     */
    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("TODO: close the child's input, wait up to 5 s, then destroy it");
    }
}
