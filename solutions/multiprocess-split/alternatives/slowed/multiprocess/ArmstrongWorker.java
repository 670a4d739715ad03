package multiprocess;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The program each child process runs: {@code java -cp ... multiprocess.ArmstrongWorker <from> <to>} prints every
 * Armstrong number of {@code [from, to)} on a line of its own, ascending, and exits with status 0.
 */
public final class ArmstrongWorker {

    /** The exit status for arguments that are missing, not numbers, or not a range {@code 0 <= from <= to}. */
    static final int USAGE = 2;

    private ArmstrongWorker() {
    }

    /**
     * Prints the Armstrong numbers of {@code [from, to)}, one a line, ascending, then exits with status 0. Bad
     * arguments (not exactly two, not numbers, {@code from < 0} or {@code from > to}): a usage line on standard
     * error and exit status 2, nothing on standard output.
     *
     * @param args {@code from} and {@code to}
     */
    public static void main(String[] args) {
        long from;
        long to;
        try {
            if (args.length != 2) {
                throw new IllegalArgumentException("expected 2 arguments, got " + args.length);
            }
            from = Long.parseLong(args[0]);
            to = Long.parseLong(args[1]);
            if (from < 0 || from > to) {
                throw new IllegalArgumentException("need 0 <= from <= to");
            }
        } catch (IllegalArgumentException e) { // NumberFormatException included
            System.err.println("usage: ArmstrongWorker <from> <to>   (0 <= from <= to; " + e.getMessage() + ")");
            System.exit(USAGE);
            return;
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try {
            for (long n : Armstrong.findInRange(from, to)) {
                out.write(n + "\n");
            }
            out.flush();
        } catch (IOException e) {
            System.err.println("ArmstrongWorker: cannot write the results: " + e);
            System.exit(1);
        }
    }
}
