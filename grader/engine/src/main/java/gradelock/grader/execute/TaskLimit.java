package gradelock.grader.execute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kernel limit on how many processes and threads a test JVM and everything it starts may have at once: a Linux
 * control group of the {@code pids} controller. Without it, a fork bomb outgrows any watchdog that must list
 * processes to kill them; with it, the kernel refuses the fork past the limit, the grader sees that the limit was
 * reached, and it kills every member of the group, which is a closed set that cannot grow.
 *
 * <p>Available where the grader may create a group under its own (root in a VM or a privileged container, or a
 * delegated subtree); elsewhere {@link #create} returns empty and docs/security.md says what to put around the grader.
 */
public final class TaskLimit implements AutoCloseable {

    private static final Path MOUNTS = Path.of("/proc/self/mounts");
    private static final Path OWN_GROUPS = Path.of("/proc/self/cgroup");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path group;
    private final int maxTasks;

    private TaskLimit(Path group, int maxTasks) {
        this.group = group;
        this.maxTasks = maxTasks;
    }

    /**
     * Moves {@code process}, with its threads, into a new group limited to {@code maxTasks}; what it starts from then
     * on is born in the group and stays in it, orphaned or not. Empty if this machine does not let the grader do that.
     */
    public static Optional<TaskLimit> enclose(ProcessHandle process, int maxTasks) {
        Optional<TaskLimit> limit = create(maxTasks);
        if (limit.isPresent() && !limit.get().add(process)) {
            limit.get().close();
            return Optional.empty();
        }
        return limit;
    }

    /** Moves {@code process}, with its threads, into this group; false if the kernel refused. */
    public boolean add(ProcessHandle process) {
        try {
            Files.writeString(membersFile(), Long.toString(process.pid()));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The file a process writes its own process id to (as its PID namespace numbers it) to join this group: for a
     * test JVM that must be in the group from its first instruction, before it starts anything.
     */
    public Path membersFile() {
        return group.resolve("cgroup.procs");
    }

    /** Whether this machine lets the grader make a group: one is made and removed again. */
    public static boolean available() {
        Optional<TaskLimit> probe = create(1);
        probe.ifPresent(TaskLimit::remove);
        return probe.isPresent();
    }

    /** A new, empty group limited to {@code maxTasks}; empty if this machine does not let the grader make one. */
    public static Optional<TaskLimit> create(int maxTasks) {
        Optional<Path> parent = ownPidsGroup();
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        Path group = parent.get().resolve("gradelock-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
        try {
            Files.createDirectory(group);
            Files.writeString(group.resolve("pids.max"), Integer.toString(maxTasks));
            return Optional.of(new TaskLimit(group, maxTasks));
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(group);
            } catch (IOException ignored) {
                // nothing was made, or it cannot be removed: either way there is no limit to offer
            }
            return Optional.empty();
        }
    }

    /**
     * The folder of this process's own group in the {@code pids} hierarchy: cgroup v1's {@code pids} mount, or the
     * unified (v2) mount where the {@code pids} controller is enabled for this group's children.
     */
    private static Optional<Path> ownPidsGroup() {
        try {
            List<String[]> mounts = Files.readAllLines(MOUNTS).stream().map(line -> line.split(" ")).filter(f -> f.length >= 4).toList();
            for (String line : Files.readAllLines(OWN_GROUPS)) {
                String[] fields = line.split(":", 3); // hierarchy-id:controllers:path
                if (fields.length < 3) {
                    continue;
                }
                boolean v1 = List.of(fields[1].split(",")).contains("pids");
                boolean v2 = fields[0].equals("0") && fields[1].isEmpty();
                for (String[] mount : mounts) {
                    boolean matches = v1 ? mount[2].equals("cgroup") && List.of(mount[3].split(",")).contains("pids")
                            : v2 && mount[2].equals("cgroup2");
                    if (!matches) {
                        continue;
                    }
                    Path own = Path.of(mount[1], fields[2].substring(1));
                    if (v1 || enablesPidsForChildren(own)) {
                        return Files.isWritable(own) ? Optional.of(own) : Optional.empty();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: no group
        }
        return Optional.empty();
    }

    private static boolean enablesPidsForChildren(Path group) throws IOException {
        Path control = group.resolve("cgroup.subtree_control");
        return Files.isReadable(control) && List.of(Files.readString(control).strip().split(" ")).contains("pids");
    }

    public int maxTasks() {
        return maxTasks;
    }

    /** Whether the kernel has refused a fork or a thread because the group was full. */
    public boolean reached() {
        try {
            for (String line : Files.readAllLines(group.resolve("pids.events"))) {
                String[] fields = line.strip().split(" ");
                if (fields.length == 2 && fields[0].equals("max")) {
                    return Long.parseLong(fields[1]) > 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: act as if not reached; the watchdog and the time limits still apply
        }
        return false;
    }

    /** The most tasks the group held at once, where the kernel records it, or -1. */
    public long peak() {
        try {
            return Long.parseLong(Files.readString(group.resolve("pids.peak")).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Kills every process in the group until none is left. The group cannot grow past its limit, so each pass
     * leaves at most as many processes as were forked while it ran, and those are killed by the next.
     */
    public void killAll() {
        ProcessTrees.killUntilNoneLeft(this::members, MAX_PASSES);
    }

    private static final int MAX_PASSES = 100;

    private List<ProcessHandle> members() {
        try {
            return Files.readAllLines(membersFile(), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .map(line -> ProcessHandle.of(Long.parseLong(line.strip())))
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Kills whatever is left and removes the group. */
    @Override
    public void close() {
        killAll();
        remove();
    }

    private void remove() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(group);
                return;
            } catch (IOException busy) {
                // the kernel removes a group only once its last task has been reaped
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
