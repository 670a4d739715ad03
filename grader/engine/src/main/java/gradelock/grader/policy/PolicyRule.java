package gradelock.grader.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One rule of the grading policy: calls and classes a submission may not use, unless its exercise allows them.
 * The rules are listed here, in one place, each with the reason a student reads when breaking it; an exercise
 * lifts a rule by naming its {@link #allowance()} in {@code exercise.json} ({@code "policy": {"allow": [...]}}).
 *
 * @param id          the rule's name in reports
 * @param reason      why it exists, as the end of a sentence a student reads
 * @param allowance   what an exercise names to lift the rule, or empty if no exercise may
 * @param forbidden   the members or classes it forbids: {@code Class#member} for a method or constructor
 *                    ({@code Class#<init>}), {@code Class} for every use of a class, {@code package.*} for a package
 */
public record PolicyRule(String id, String reason, Optional<String> allowance, List<String> forbidden) {

    public static final String CHILD_PROCESSES = "child-processes";
    public static final String NETWORK = "network";
    public static final String FILES = "files";
    /** For an exercise whose programs' exit status is part of the task (a child process's main method). */
    public static final String EXIT = "exit";

    /** Every rule, in the order reports list violations. */
    public static final List<PolicyRule> ALL = List.of(
            rule("no-exit", "ending the JVM would end the grading run, not your program", EXIT,
                    "java.lang.System#exit", "java.lang.Runtime#exit", "java.lang.Runtime#halt"),
            rule("no-processes", "this exercise does not start other programs", CHILD_PROCESSES,
                    "java.lang.Runtime#exec", "java.lang.ProcessBuilder", "java.lang.ProcessHandle"),
            rule("no-reflection", "reflection and class loading could reach into the grader's and the tests' classes",
                    null, "java.lang.reflect.AccessibleObject#setAccessible", "java.lang.reflect.AccessibleObject#trySetAccessible",
                    "java.lang.reflect.Field#setAccessible", "java.lang.reflect.Method#setAccessible",
                    "java.lang.reflect.Constructor#setAccessible", "java.lang.reflect.Field#trySetAccessible",
                    "java.lang.reflect.Method#trySetAccessible", "java.lang.reflect.Constructor#trySetAccessible",
                    "java.lang.invoke.MethodHandles#privateLookupIn", "java.lang.Class#forName", "java.lang.Class#getDeclaredField",
                    "java.lang.Class#getDeclaredFields", "java.lang.Class#getDeclaredMethod", "java.lang.Class#getDeclaredMethods",
                    "java.lang.Class#getDeclaredConstructor", "java.lang.Class#getDeclaredConstructors", "sun.misc.Unsafe",
                    "jdk.internal.misc.Unsafe", "java.lang.ClassLoader", "java.lang.Class#getResource",
                    "java.lang.Class#getResourceAsStream", "java.lang.Module#getResourceAsStream", "java.lang.instrument.*"),
            rule("no-thread-stop", "Thread.stop and suspend leave locks and objects broken", null,
                    "java.lang.Thread#stop", "java.lang.Thread#suspend", "java.lang.Thread#resume"),
            rule("no-native-code", "native code runs outside everything the grader can watch", null,
                    "java.lang.System#load", "java.lang.System#loadLibrary", "java.lang.Runtime#load", "java.lang.Runtime#loadLibrary",
                    "java.lang.foreign.*"),
            rule("no-global-state", "the JVM's streams, properties and handlers of uncaught failures belong to the grader", null,
                    "java.lang.System#setOut", "java.lang.System#setErr", "java.lang.System#setIn", "java.lang.System#setProperty",
                    "java.lang.System#setProperties", "java.lang.System#clearProperty", "java.lang.System#setSecurityManager",
                    "java.lang.Runtime#addShutdownHook", "java.lang.Thread#setDefaultUncaughtExceptionHandler"),
            rule("no-files", "this exercise needs no files", FILES,
                    "java.io.File", "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.FileReader", "java.io.FileWriter",
                    "java.io.RandomAccessFile", "java.nio.file.*", "java.nio.channels.FileChannel"),
            rule("no-network", "this exercise needs no network", NETWORK,
                    "java.net.Socket", "java.net.ServerSocket", "java.net.DatagramSocket", "java.net.URL#openConnection",
                    "java.net.URL#openStream", "java.net.http.*", "java.nio.channels.SocketChannel",
                    "java.nio.channels.ServerSocketChannel", "java.nio.channels.DatagramChannel"),
            rule("no-grader-or-test-classes", "the grader and the tests are not part of your program", null,
                    "gradelock.*", "org.junit.*", "org.opentest4j.*", "org.assertj.*", "org.awaitility.*", "com.tngtech.archunit.*"));

    /** The names of every allowance an exercise may give. */
    public static final Set<String> ALLOWANCES = Set.of(CHILD_PROCESSES, NETWORK, FILES, EXIT);

    public PolicyRule {
        forbidden = List.copyOf(forbidden);
    }

    private static PolicyRule rule(String id, String reason, String allowance, String... forbidden) {
        return new PolicyRule(id, reason, Optional.ofNullable(allowance), List.of(forbidden));
    }

    /** Whether this rule forbids using {@code member} ({@code "name"} for a method, {@code "<init>"}) of {@code owner}. */
    boolean forbids(String owner, String member) {
        for (String entry : forbidden) {
            if (entry.endsWith(".*") ? owner.startsWith(entry.substring(0, entry.length() - 1))
                    : entry.contains("#") ? entry.equals(owner + "#" + member) : entry.equals(owner)) {
                return true;
            }
        }
        return false;
    }
}
