package gradelock.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.batch.ClassSummary;
import gradelock.grader.batch.StudentResult;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.ThreadKind;
import gradelock.grader.model.Verdict;
import gradelock.grader.model.Visibility;
import gradelock.grader.model.WaitingThread;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML reports in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it), with the network
 * off, and checks what it rendered: the page's DOM as Chromium built it, and a screenshot holding the colours of the
 * score bars, the wait-for graph's nodes and the histogram's columns. Without Chromium the tests are skipped, saying so.
 */
class HtmlInBrowserTests {

    private static final int PASSED_GREEN = 0x2da44e;
    private static final int THREAD_YELLOW = 0xfff8c5;
    private static final int LOCK_BLUE = 0xddf4ff;
    private static final int COLUMN_BLUE = 0x54aeff;
    private static final List<String> HEADLESS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--window-size=1000,1400");

    private static Path chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        Optional<Path> found = Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(folder -> Path.of(folder, name)))
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), "Chromium is not installed (Debian: apt-get install chromium; .ci/run does it),"
                + " so the HTML reports were not opened in a browser");
        chromium = found.get();
    }

    @Test
    void aGradingReportRendersItsScoreBarsAndTheWaitForGraphOfADeadlock() throws Exception {
        List<WaitingThread> cycle = List.of(
                new WaitingThread("producer-1", ThreadKind.PLATFORM, "is blocked entering synchronized code", "an Object (#5e04303e)",
                        "consumer-1", ThreadKind.PLATFORM, "boundedbuffer/BoundedBuffer.java:90 (signalNotEmpty)"),
                new WaitingThread("consumer-1", ThreadKind.PLATFORM, "is blocked entering synchronized code",
                        "the monitor of a BoundedBuffer (#2368)", "producer-1", ThreadKind.PLATFORM, "boundedbuffer/BoundedBuffer.java:81 (size)"));
        GradingResult result = GradingResult.of(List.of(
                ExerciseOutcome.graded("bounded-buffer", List.of(
                        test("BoundedBufferTests.passes", Verdict.PASSED, null, List.of()),
                        test("BoundedBufferHiddenTests.deadlocks", Verdict.DEADLOCK, "Deadlock: these threads each hold a lock ...", cycle))),
                ExerciseOutcome.graded("event-consumer", List.of(test("EventTests.passes", Verdict.PASSED, null, List.of()))),
                ExerciseOutcome.ungraded("thread-pool", 10, ExerciseStatus.MISSING, "No submission found.")), 1500);
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.toHtml(result));

        String dom = run(page, "--dump-dom");
        assertThat(dom).as("the DOM Chromium built").contains("gradelock: 4/16", "<svg class=\"wait-for\"", "<g class=\"thread\">",
                "<g class=\"lock\">", "held by", "BoundedBuffer.java:90 (signalNotEmpty)");
        assertThat(count(dom, "<svg class=\"bar\"")).as("score bars, one per exercise").isEqualTo(3);

        BufferedImage shot = screenshot(page);
        assertThat(pixels(shot, PASSED_GREEN)).as("pixels of the full marks' green bar").isGreaterThan(500);
        assertThat(pixels(shot, THREAD_YELLOW)).as("pixels of the graph's thread nodes").isGreaterThan(5_000);
        assertThat(pixels(shot, LOCK_BLUE)).as("pixels of the graph's lock nodes").isGreaterThan(5_000);
    }

    @Test
    void theClassSummaryRendersItsHistogram() throws Exception {
        List<StudentResult> students = new ArrayList<>();
        for (int score = 0; score <= 10; score += 2) {
            GradingResult result = GradingResult.of(List.of(ExerciseOutcome.graded("bounded-buffer", List.of(
                    test("BoundedBufferTests.worthTwo", score >= 2 ? Verdict.PASSED : Verdict.STALLED, "Stalled", List.of(), 2),
                    test("BoundedBufferTests.worthEight", score == 10 ? Verdict.PASSED : Verdict.FAILED, "Expected ...", List.of(), 8)))), 10);
            students.add(new StudentResult("student-" + score, result, null, false));
        }
        Path page = dir.resolve("summary.html");
        Files.writeString(page, ClassSummaryHtml.toHtml(ClassSummary.of(students, List.of())));

        String dom = run(page, "--dump-dom");
        assertThat(count(dom, "<rect class=\"column\""))
                .as("histogram columns, one per tenth of the maximum, for the whole and for the one exercise").isEqualTo(20);
        assertThat(dom).contains("BoundedBufferTests.worthEight", "failed 5");

        assertThat(pixels(screenshot(page), COLUMN_BLUE)).as("pixels of the histogram's columns").isGreaterThan(1_000);
    }

    private static TestOutcome test(String name, Verdict verdict, String message, List<WaitingThread> waiting) {
        return test(name, verdict, message, waiting, 2);
    }

    private static TestOutcome test(String name, Verdict verdict, String message, List<WaitingThread> waiting, int points) {
        boolean passed = verdict == Verdict.PASSED;
        return new TestOutcome(name, passed ? points : 0, points, verdict, name.contains("Hidden") ? Visibility.HIDDEN : Visibility.VISIBLE,
                1, passed ? 1 : 0, 10, passed ? null : message, name, List.of(), waiting, 10, 10);
    }

    private BufferedImage screenshot(Path page) throws Exception {
        Path png = dir.resolve(page.getFileName() + ".png");
        run(page, "--screenshot=" + png);
        assertThat(png).as("Chromium's screenshot of %s", page.getFileName()).exists();
        return ImageIO.read(png.toFile());
    }

    private String run(Path page, String what) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString()));
        command.addAll(HEADLESS);
        command.add("--user-data-dir=" + dir.resolve("profile"));
        command.add(what);
        command.add(page.toUri().toString());
        Path output = dir.resolve("chromium.out");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(finished).as("Chromium finished within 60 s").isTrue();
        assertThat(process.exitValue()).as("Chromium's exit status").isZero();
        return Files.readString(output);
    }

    private static int count(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }

    private static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
