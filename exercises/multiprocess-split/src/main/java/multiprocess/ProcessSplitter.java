package multiprocess;

import java.io.IOException;
import java.util.List;

/**
 * Searches a range for Armstrong numbers with several operating-system processes, one {@link ArmstrongWorker} per
 * part of the range, all running at the same time: CPU-bound work that threads of one JVM would share with each
 * other, and processes share only with the machine.
 */
public final class ProcessSplitter {

    private ProcessSplitter() {
    }

    /**
     * {@link #find(long, long, int, List)} with no extra JVM options.
     *
     * @param from the first number to test, {@code >= 0}
     * @param to one past the last number to test, {@code >= from}
     * @param processes how many child processes, {@code >= 1}
     * @return the Armstrong numbers of {@code [from, to)}, ascending
     * @throws IOException if a child cannot start or exits with a status other than 0
     * @throws InterruptedException if the calling thread is interrupted while the children run
     */
    public static List<Long> find(long from, long to, int processes) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("TODO: find(from, to, processes, no JVM options)");
    }

    /**
     * Splits {@code [from, to)} into {@code processes} contiguous parts whose lengths differ by at most one, and runs
     * {@link ArmstrongWorker} for each part in a child JVM of its own: the same {@code java} executable and class path
     * as this JVM, with {@code jvmOptions} before the class name. All children run at the same time, and their output
     * (standard output and standard error) is read while they run. As soon as a child cannot start or exits with a
     * status other than 0, the other children are destroyed and an {@link IOException} names the failed part, its exit
     * status and the start of its standard error. No child outlives this call, whether it returns, throws, or the
     * calling thread is interrupted (then it throws {@link InterruptedException}).
     *
     * @param from the first number to test, {@code >= 0}
     * @param to one past the last number to test, {@code >= from}
     * @param processes how many child processes, {@code >= 1}
     * @param jvmOptions options for every child JVM, such as {@code -XX:+UseSerialGC}
     * @return the Armstrong numbers of {@code [from, to)}, ascending
     * @throws IllegalArgumentException if {@code from < 0}, {@code from > to} or {@code processes < 1}
     * @throws IOException if a child cannot start or exits with a status other than 0
     * @throws InterruptedException if the calling thread is interrupted while the children run
     */
    public static List<Long> find(long from, long to, int processes, List<String> jvmOptions)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: start one ArmstrongWorker child JVM per part, all of them before waiting for any, then collect their output");
    }
}
