package gradelock.grader.fork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the virtual threads of this JVM are doing. ThreadMXBean sees only platform threads, so a test whose
 * threads are virtual would look, to the watchdog, like a test thread waiting with nobody working. The JDK's
 * JSON thread dump does list virtual threads, with their stacks (and, from JDK 24 on, their states), so the
 * watchdog takes one before it calls anything a stall. A dump costs tens of milliseconds: it is taken only
 * once the platform threads have been quiet for the whole stall window.
 */
final class VirtualThreads {

    /** One virtual thread as the dump shows it. */
    record Snapshot(long id, String name, Thread.State state, String waitingOn, List<StackTraceElement> stack) {

        boolean canProgressOnItsOwn() {
            return state != Thread.State.WAITING && state != Thread.State.BLOCKED;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private VirtualThreads() {
    }

    /** Every virtual thread alive now; empty if the JVM cannot dump them. */
    static Optional<List<Snapshot>> snapshot() {
        Path file = null;
        try {
            // dumpThreads refuses to overwrite a file, so it gets a fresh name in a fresh folder
            Path folder = Files.createTempDirectory("gradelock-threads");
            file = folder.resolve("threads.json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return Optional.of(parse(JSON.readTree(file.toFile())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(file.getParent());
                } catch (IOException ignored) {
                    // a temporary file the OS cleans up; nothing to report
                }
            }
        }
    }

    static List<Snapshot> parse(JsonNode dump) {
        List<Snapshot> virtual = new ArrayList<>();
        for (JsonNode container : dump.path("threadDump").path("threadContainers")) {
            for (JsonNode thread : container.path("threads")) {
                if (!thread.path("virtual").asBoolean(false)) {
                    continue;
                }
                List<StackTraceElement> stack = new ArrayList<>();
                thread.path("stack").forEach(frame -> stack.add(frame(frame.asText())));
                String waitingOn = thread.hasNonNull("waitingOn") ? thread.get("waitingOn").asText()
                        : thread.hasNonNull("blockedOn") ? thread.get("blockedOn").asText()
                        : thread.path("parkBlocker").path("object").asText(null);
                virtual.add(new Snapshot(thread.path("tid").asLong(), thread.path("name").asText(""),
                        state(thread.path("state").asText(null), stack), waitingOn, List.copyOf(stack)));
            }
        }
        return virtual;
    }

    /** JDK 21 to 23 write no state; the frames on top of the stack tell a timed wait from an untimed one. */
    private static Thread.State state(String written, List<StackTraceElement> stack) {
        if (written != null) {
            try {
                return Thread.State.valueOf(written);
            } catch (IllegalArgumentException unknown) {
                return Thread.State.RUNNABLE; // when in doubt, assume it can still make progress
            }
        }
        for (StackTraceElement frame : stack.subList(0, Math.min(stack.size(), 4))) {
            String method = frame.getMethodName();
            if (method.equals("parkNanos") || method.startsWith("sleep") || method.equals("timedWait")) {
                return Thread.State.TIMED_WAITING;
            }
            if (frame.getClassName().equals("java.lang.VirtualThread") && method.equals("park")
                    || frame.getClassName().equals("java.lang.Object") && method.startsWith("wait")) {
                return Thread.State.WAITING;
            }
        }
        return Thread.State.RUNNABLE;
    }

    /** Parses {@code java.base/java.lang.Object.wait0(Native Method)} or {@code app.Foo.run(Foo.java:12)}. */
    static StackTraceElement frame(String text) {
        int open = text.indexOf('(');
        String qualified = open < 0 ? text : text.substring(0, open);
        qualified = qualified.substring(qualified.lastIndexOf('/') + 1);
        int dot = qualified.lastIndexOf('.');
        String className = dot < 0 ? qualified : qualified.substring(0, dot);
        String method = dot < 0 ? "" : qualified.substring(dot + 1);
        String location = open < 0 ? "" : text.substring(open + 1, text.length() - 1);
        String file = null;
        int line = -1;
        if (location.equals("Native Method")) {
            line = -2;
        } else if (!location.isEmpty()) {
            int colon = location.lastIndexOf(':');
            file = colon < 0 ? location : location.substring(0, colon);
            if (colon >= 0) {
                try {
                    line = Integer.parseInt(location.substring(colon + 1));
                } catch (NumberFormatException ignored) {
                    line = -1;
                }
            }
        }
        return new StackTraceElement(className, method, file, line);
    }
}
