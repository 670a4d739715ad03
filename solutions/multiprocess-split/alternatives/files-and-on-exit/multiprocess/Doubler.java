package multiprocess;

import java.util.Scanner;

/**
 * The child of the Pipe example: doubles every number it reads. {@code System.out} flushes itself at every
 * {@code println} (it is created with automatic flushing), so each answer leaves at once.
 */
public final class Doubler {

    private Doubler() {
    }

    /**
     * Reads one {@code long} per line from standard input and writes its double per line to standard output,
     * flushing each, until the end of input; then exits with status 0.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        while (in.hasNextLong()) {
            System.out.println(in.nextLong() * 2);
        }
    }
}
