package gradelock.grader.execute;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How test JVMs are started.
 *
 * @param javaExecutable the {@code java} to run forks with (the grader's own, by default)
 * @param classPath      the grader's runtime and the exercises' tests; the submission's classes are added per fork
 * @param stall          how long every thread of a test must wait before it is declared stalled
 * @param budgetOverride a wall-clock budget per exercise that replaces the exercise's own, or null
 * @param maxTasks       the kernel's limit on the processes and threads a test JVM and all it starts may have at once,
 *                       where the machine lets the grader set one ({@link TaskLimit})
 */
public record ForkOptions(Path javaExecutable, List<Path> classPath, List<String> jvmOptions, Duration stall, Duration budgetOverride,
                          int maxTasks) {

    /**
     * Room for the watchdog's own limits (1,000 threads, 32 child JVMs of about 20 threads each), which it reports first
     * with a better message, and 29 times the most any reference solution uses (71, docs/security.md).
     */
    public static final int DEFAULT_MAX_TASKS = 2048;

    /** Each test JVM's heap; a test that needs more ends its JVM with an OutOfMemoryError and loses that test. */
    public static final int HEAP_MEGABYTES = 512;

    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xmx" + HEAP_MEGABYTES + "m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8");

    public ForkOptions {
        classPath = List.copyOf(classPath);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** Forks like this JVM: same java, same class path. */
    public static ForkOptions likeThisJvm() {
        Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        return new ForkOptions(javaExecutable, classPath, DEFAULT_JVM_OPTIONS, Duration.ofMillis(500), null, DEFAULT_MAX_TASKS);
    }

    public ForkOptions withBudget(Duration budget) {
        return new ForkOptions(javaExecutable, classPath, jvmOptions, stall, budget, maxTasks);
    }

    public ForkOptions withJvmOptions(List<String> options) {
        return new ForkOptions(javaExecutable, classPath, options, stall, budgetOverride, maxTasks);
    }

    public ForkOptions withMaxTasks(int tasks) {
        return new ForkOptions(javaExecutable, classPath, jvmOptions, stall, budgetOverride, tasks);
    }
}
