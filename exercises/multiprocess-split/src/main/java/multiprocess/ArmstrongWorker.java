package multiprocess;

/**
 * The program each child process runs: {@code java -cp ... multiprocess.ArmstrongWorker <from> <to>} prints every
 * Armstrong number of {@code [from, to)} on a line of its own, ascending, and exits with status 0.
 */
public final class ArmstrongWorker {

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
        throw new UnsupportedOperationException("TODO: parse from and to, print Armstrong.findInRange(from, to) one a line");
    }
}
