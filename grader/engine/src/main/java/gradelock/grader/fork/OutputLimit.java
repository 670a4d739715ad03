package gradelock.grader.fork;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps what a test may print (standard output and error together) so that a submission printing without end
 * neither fills the disk nor slows the grading: past the limit the rest of that test's output is dropped, after
 * one line saying so, and the test's report says so too.
 */
final class OutputLimit {

    static final long BYTES_PER_TEST = 1024 * 1024;

    private final AtomicLong printedThisTest = new AtomicLong();
    private volatile boolean cut;
    private final OutputStream original;

    private OutputLimit(OutputStream original) {
        this.original = original;
    }

    /** Puts the limit between {@code System.out}, {@code System.err} and this JVM's real standard output. */
    static OutputLimit install() {
        OutputLimit limit = new OutputLimit(System.out);
        System.setOut(new PrintStream(limit.stream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(limit.stream(), true, StandardCharsets.UTF_8));
        return limit;
    }

    /** A new test run starts with the full allowance. */
    void startTest() {
        printedThisTest.set(0);
        cut = false;
    }

    /** Whether the current test printed more than the limit. */
    boolean cutThisTest() {
        return cut;
    }

    String note() {
        return "This test printed more than " + BYTES_PER_TEST / 1024 + " KiB; the rest of its output was dropped.";
    }

    private OutputStream stream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                long before = printedThisTest.getAndAdd(length);
                long room = BYTES_PER_TEST - before;
                synchronized (original) {
                    try {
                        if (room >= length) {
                            original.write(bytes, offset, length);
                        } else if (room > 0 || !cut) {
                            original.write(bytes, offset, (int) Math.max(0, room));
                            if (!cut) {
                                cut = true;
                                original.write(("\n[gradelock] " + note() + "\n").getBytes(StandardCharsets.UTF_8));
                            }
                        }
                    } catch (java.io.IOException ignored) {
                        // the grader's end of the pipe is gone: nothing to print to
                    }
                }
            }

            @Override
            public void flush() {
                synchronized (original) {
                    try {
                        original.flush();
                    } catch (java.io.IOException ignored) {
                        // as above
                    }
                }
            }
        };
    }
}
