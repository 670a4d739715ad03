package gradelock.grader.execute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the machine allows it, a test JVM starts in Linux namespaces of its own: a network with nothing in it but
 * loopback; a view of the file systems in which everything is read-only but its temporary folder; and processes
 * numbered apart, in which it sees and can signal only what it started, not the grader nor anything else on the
 * machine, and whose end (when the grader kills it) the kernel makes the end of everything in it. Having set those
 * up, it drops every capability, so that the submission cannot undo them (nor leave its control group, whose files
 * are read-only too). The static policy says which APIs a submission may call; this bounds where the allowed ones
 * reach: sockets only to loopback, files only in the folder the grader gave, processes only its own.
 *
 * <p>Needs {@code unshare} and {@code setpriv} (util-linux) and {@code ip} (iproute2) or {@code ifconfig}, and
 * either root or unprivileged user namespaces. {@link #onThisMachine} tries it once per grader and is empty where it
 * fails; docs/security.md says what to put around the grader then.
 */
public final class Confinement {

    /**
     * Run by {@code sh} as the first process of the new namespaces, as
     * {@code sh -c SCRIPT sh GROUP_MEMBERS_FILE FOLDER FOLDER_AS_MOUNTINFO_NAMES_IT COMMAND...}. It joins the task
     * limit's group first (an empty path where there is none), so that all it starts is born there. Loopback starts
     * down in a new network namespace, and the tests need it (a loopback HTTP server, child JVMs that talk). The
     * folder is bound onto itself so that it is a mount of its own, which the read-only pass skips. The control
     * groups' file systems are taken out of sight whole (the grader reads the group from outside), which spares a
     * {@code mount} call for each of them.
     */
    private static final String SCRIPT = """
            members=$1; folder=$2; folder_in_mountinfo=$3; shift 3
            [ -z "$members" ] || echo $$ > "$members" || { echo "gradelock: could not join the task limit's group" >&2; exit 92; }
            ip link set lo up 2>/dev/null || ifconfig lo up 2>/dev/null || { echo "gradelock: could not start loopback" >&2; exit 90; }
            mount --bind "$folder" "$folder" || { echo "gradelock: could not bind $folder" >&2; exit 91; }
            umount --lazy /sys/fs/cgroup 2>/dev/null || true
            while read -r _ _ _ _ point _; do
              [ "$point" = "$folder_in_mountinfo" ] || mount -o remount,bind,ro "$point" 2>/dev/null \\
                || echo "gradelock: $point stays writable" >&2
            done < /proc/self/mountinfo
            exec setpriv --bounding-set=-all --inh-caps=-all --ambient-caps=-all --no-new-privs -- "$@"
            """;

    private static final Optional<Confinement> ON_THIS_MACHINE = probe();

    private final List<String> unshare;

    private Confinement(List<String> unshare) {
        this.unshare = List.copyOf(unshare);
    }

    /** The confinement this machine allows, found by starting a confined shell once per grader; empty if none works. */
    public static Optional<Confinement> onThisMachine() {
        return ON_THIS_MACHINE;
    }

    /**
     * {@code command}, to be run confined, with {@code writableFolder} the one place it may write, in the task limit's
     * group if there is one. The process started is {@code unshare}, which waits for the command; killing it kills
     * the command and everything the command started.
     */
    public List<String> wrap(List<String> command, Path writableFolder, Optional<TaskLimit> taskLimit) throws IOException {
        String folder = writableFolder.toRealPath().toString();
        String members = taskLimit.map(limit -> limit.membersFile().toString()).orElse("");
        List<String> wrapped = new ArrayList<>(unshare);
        wrapped.addAll(List.of("--", "sh", "-c", SCRIPT, "sh", members, folder, asInMountinfo(folder)));
        wrapped.addAll(command);
        return wrapped;
    }

    /** How /proc/self/mountinfo writes a path: space, tab, newline and backslash as octal escapes. */
    static String asInMountinfo(String path) {
        return path.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
    }

    private static Optional<Confinement> probe() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.empty();
        }
        // as root, namespaces need nothing more; as anyone else, a user namespace in which they are root
        List<List<String>> ways = List.of(
                List.of("unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc"),
                List.of("unshare", "--user", "--map-root-user", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc"));
        for (List<String> way : ways) {
            Confinement confinement = new Confinement(way);
            if (confinement.works()) {
                return Optional.of(confinement);
            }
        }
        return Optional.empty();
    }

    /** Starts a shell confined, which must write inside the folder only and be the first process of its own. */
    private boolean works() {
        Path probe = null;
        try {
            probe = Files.createTempDirectory("gradelock-confinement-");
            Path folder = Files.createDirectory(probe.resolve("writable"));
            Path outside = probe.resolve("outside");
            List<String> command = wrap(List.of("sh", "-c", "touch \"$1\" && ! touch \"$2\" 2>/dev/null && [ $$ = 1 ]",
                    "sh", folder.resolve("inside").toString(), outside.toString()), folder, Optional.empty());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0 && Files.exists(folder.resolve("inside")) && !Files.exists(outside);
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (probe != null) {
                TemporaryFolders.deleteQuietly(probe);
            }
        }
    }

    @Override
    public String toString() {
        return String.join(" ", unshare);
    }
}
