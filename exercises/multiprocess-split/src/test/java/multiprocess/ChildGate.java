package multiprocess;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A test's hold on the child JVMs your code starts, with no cooperation from your code: passed to the children as
 * the JVM options {@link ChildProcesses#gated}, it becomes their system class loader, so it runs in every child
 * before {@code ArmstrongWorker.main} does. There it waits until the test opens the gate (a file named
 * {@code open} in the gate's folder), so that a test can look at all the children while they are alive, for as long
 * as it needs, however slowly the machine runs. Optionally it makes the child whose part starts at a given number
 * fail (exit status 3, a line on standard error), or writes a lot to standard error first.
 *
 * <p>It loads no class itself: every class is loaded by its parent, the JVM's usual application class loader.
 */
public final class ChildGate extends ClassLoader {

    static final String DIR = "gradelock.gate.dir";
    static final String FAIL_FROM = "gradelock.gate.failFrom";
    static final String STDERR_BYTES = "gradelock.gate.stderrBytes";
    static final int FAILED_ON_PURPOSE = 3;
    static final String FAILURE_LINE = "gate: the child for this part fails on purpose";

    public ChildGate(ClassLoader parent) {
        super(parent);
        String dir = System.getProperty(DIR);
        if (dir != null) {
            hold(Path.of(dir));
        }
    }

    private static void hold(Path dir) {
        String[] command = System.getProperty("sun.java.command", "").split(" ");
        String from = command.length >= 2 ? command[command.length - 2] : "";
        if (from.equals(System.getProperty(FAIL_FROM))) {
            System.err.println(FAILURE_LINE + " (" + Arrays.toString(command) + ")");
            System.err.flush();
            Runtime.getRuntime().halt(FAILED_ON_PURPOSE);
        }
        int stderrBytes = Integer.getInteger(STDERR_BYTES, 0);
        if (stderrBytes > 0) {
            PrintStream err = System.err;
            String line = "gate: a line of noise on standard error, to fill the pipe.........................\n";
            for (int written = 0; written < stderrBytes; written += line.length()) {
                err.print(line);
            }
            err.flush();
        }
        Path open = dir.resolve("open");
        try {
            Files.writeString(dir.resolve("arrived-" + ProcessHandle.current().pid()), String.join(" ", command));
            while (!Files.exists(open)) {
                Thread.sleep(10);
            }
        } catch (IOException | InterruptedException e) {
            Runtime.getRuntime().halt(4);
        }
    }
}
