package gradelock.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A report file is written whole (a temporary name, then a move) and gets the mode a plain new file gets under the
 * umask, so that a results folder shared with the course staff's group is readable to them. A JVM cannot change its
 * own umask, so the umasks themselves are tried in a child JVM started by {@code sh -c 'umask ...; exec java ...'}.
 */
class AtomicFilesTests {

    @TempDir
    Path dir;

    @BeforeAll
    static void posixOnly() {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "the default file system has no POSIX modes, so there is no umask to honour");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "there is no /bin/sh to set a umask with");
    }

    @Test
    void aReportGetsTheModeOfAPlainNewFileBesideIt() throws IOException {
        Path report = dir.resolve("result.json");
        AtomicFiles.write(report, "{}\n");
        Path plain = Files.createFile(dir.resolve("plain.txt"));

        assertThat(mode(report)).as("the mode of a report written by AtomicFiles, beside a plain new file of mode %s", mode(plain))
                .isEqualTo(mode(plain));
        assertThat(report).content().isEqualTo("{}\n");
    }

    @Test
    void aReportWrittenAgainKeepsThatModeAndLeavesNoTemporaryFileBehind() throws IOException {
        Path report = dir.resolve("gradebook.csv");
        AtomicFiles.write(report, "student,total\n");
        AtomicFiles.write(report, "student,total\n曾,45\n");
        Path plain = Files.createFile(dir.resolve("plain.txt"));

        assertThat(mode(report)).as("the mode of a report written twice").isEqualTo(mode(plain));
        assertThat(report).content().isEqualTo("student,total\n曾,45\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted().toList())
                    .as("the files in the folder once both writes are done").containsExactly("gradebook.csv", "plain.txt");
        }
    }

    @ParameterizedTest(name = "umask {0}: {1}, its new folder {2}")
    @CsvSource({"022, rw-r--r--, rwxr-xr-x", "002, rw-rw-r--, rwxrwxr-x", "077, rw-------, rwx------"})
    void underAUmaskAReportAndItsNewFolderGetTheModesThatUmaskGives(String umask, String fileMode, String folderMode) throws Exception {
        Path report = dir.resolve("reports/summary.html");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the JVM, its class path, the main class and the report are passed as arguments, so that the shell reads none of them
        String command = "umask " + umask + " && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"";
        Process child = new ProcessBuilder(List.of("/bin/sh", "-c", command, java, System.getProperty("java.class.path"),
                WriteReport.class.getName(), report.toString()))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished within 60 s").isTrue();
        assertThat(child.exitValue()).as("the child JVM's exit status (its output: %s)", output).isZero();

        assertThat(mode(report)).as("the mode of a report written under umask %s", umask).isEqualTo(fileMode);
        assertThat(mode(report.getParent())).as("the mode of the folder made for it under umask %s", umask).isEqualTo(folderMode);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** Run in the child JVM: writes the report named by its one argument. */
    static final class WriteReport {

        public static void main(String[] args) {
            AtomicFiles.write(Path.of(args[0]), "<!DOCTYPE html>\n");
        }
    }
}
