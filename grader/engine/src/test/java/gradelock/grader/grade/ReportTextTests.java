package gradelock.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.ThreadKind;
import gradelock.grader.model.Verdict;
import gradelock.grader.model.Visibility;
import gradelock.grader.model.WaitingThread;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTextTests {

    private static final ReportText BUFFER = new ReportText(Map.of(
            "boundedbuffer.BoundedBuffer", "src/main/java/boundedbuffer/BoundedBuffer.java",
            "boundedbuffer.BoundedBuffer$Node", "src/main/java/boundedbuffer/BoundedBuffer.java"));

    /** What AssertJ's assertThatThrownBy(...).isInstanceOf(...) says of a stub, word for word but for the stub's own sentence. */
    private static final String ASSERTJ_ON_A_STUB = """
            [new BoundedBuffer<>(0) should throw IllegalArgumentException]\s
            Expecting actual throwable to be an instance of:
              java.lang.IllegalArgumentException
            but was:
              java.lang.UnsupportedOperationException: TODO: check capacity
            \tat boundedbuffer.BoundedBuffer.<init>(BoundedBuffer.java:32)
            \tat boundedbuffer.BoundedBufferHiddenTests.lambda$rejectsCapacityBelowOne$0(BoundedBufferHiddenTests.java:65)
            \tat org.assertj.core.api.ThrowableAssert.catchThrowable(ThrowableAssert.java:63)
            \t...(75 remaining lines not displayed - this can be changed with Assertions.setMaxStackTraceElementsDisplayed)""";

    @Test
    void anAssertionsMessageKeepsItsSentenceAndTheSubmissionsFramesButNoFrameOfTheTestsOrLibraries() {
        TestOutcome cleaned = BUFFER.cleaned(failed(ASSERTJ_ON_A_STUB, List.of()));

        assertThat(cleaned.message())
                .startsWith("[new BoundedBuffer<>(0) should throw IllegalArgumentException]")
                .contains("Expecting actual throwable to be an instance of:", "java.lang.UnsupportedOperationException: TODO: check capacity",
                        "\tat boundedbuffer.BoundedBuffer.<init>(BoundedBuffer.java:32)")
                .doesNotContain("BoundedBufferHiddenTests", "org.assertj", "remaining lines not displayed", "setMaxStackTraceElementsDisplayed");
    }

    @Test
    void theSubmissionsInnermostFrameInTheMessageBecomesTheLocationOfATestThatHadNone() {
        TestOutcome cleaned = BUFFER.cleaned(failed(ASSERTJ_ON_A_STUB, List.of()));

        assertThat(cleaned.locations()).containsExactly(
                new SourceLocation("src/main/java/boundedbuffer/BoundedBuffer.java", 32, "boundedbuffer.BoundedBuffer", "constructor"));
    }

    @Test
    void aLocationTheTestAlreadyHadStays() {
        SourceLocation take = new SourceLocation("src/main/java/boundedbuffer/BoundedBuffer.java", 51, "boundedbuffer.BoundedBuffer", "take");

        assertThat(BUFFER.cleaned(failed(ASSERTJ_ON_A_STUB, List.of(take))).locations()).containsExactly(take);
    }

    @Test
    void framesOfNestedSubmissionClassesAndOfModulesAreToldApart() {
        String message = """
                boom
                \tat java.base/java.lang.Thread.run(Thread.java:1583)
                \tat boundedbuffer.BoundedBuffer$Node.next(BoundedBuffer.java:12)
                \tat app//boundedbuffer.BoundedBufferTests.takeWaits(BoundedBufferTests.java:80)
                \t... 12 more""";

        assertThat(BUFFER.cleaned(failed(message, List.of())).message())
                .isEqualTo("boom\n\tat boundedbuffer.BoundedBuffer$Node.next(BoundedBuffer.java:12)");
    }

    @Test
    void controlCharactersButTabAndNewlineAreEscapedVisibly() {
        String hostile = "bell\u0007 red:\u001B[31mred\u001B[0m nul:\u0000 cr:\r del:\u007F csi:\u009B tab:\tnewline:\nend";

        assertThat(ReportText.escaped(hostile)).isEqualTo(
                "bell\\u0007 red:\\u001B[31mred\\u001B[0m nul:\\u0000 cr:\\u000D del:\\u007F csi:\\u009B tab:\tnewline:\nend");
    }

    @Test
    void windowsLineEndsBecomeNewlinesRatherThanEscapes() {
        assertThat(ReportText.escaped("one\r\ntwo")).isEqualTo("one\ntwo");
    }

    @Test
    void whatXmlCannotCarryOrReordersTextIsEscapedAndChineseAndEmojiAreNot() {
        String text = "lone:\uD800 nonchar:\uFFFF override:\u202Eevil 缓冲区已满 \uD83D\uDE00";

        assertThat(ReportText.escaped(text)).isEqualTo("lone:\\uD800 nonchar:\\uFFFF override:\\u202Eevil 缓冲区已满 \uD83D\uDE00");
    }

    @Test
    void threadAndLockNamesOfAWaitForGraphAreEscapedToo() {
        WaitingThread thread = new WaitingThread("evil\u001B[2J", ThreadKind.PLATFORM, "waits in Object.wait()", "a Object (#1b6d3586)",
                "\u0007", ThreadKind.PLATFORM, null);
        TestOutcome deadlocked = new TestOutcome("BoundedBufferTests.x", 0, 1, Verdict.DEADLOCK, Visibility.VISIBLE, 1, 0, 10, "Deadlock:",
                "x()", List.of(), List.of(thread), 10, 10);

        WaitingThread cleaned = BUFFER.cleaned(deadlocked).waiting().get(0);

        assertThat(cleaned.thread()).isEqualTo("evil\\u001B[2J");
        assertThat(cleaned.heldBy()).isEqualTo("\\u0007");
        assertThat(cleaned.kind()).isEqualTo(ThreadKind.PLATFORM);
        assertThat(cleaned.at()).isNull();
    }

    @Test
    void anExercisesOwnMessageIsEscaped() {
        ExerciseOutcome compileError = ExerciseOutcome.ungraded("bounded-buffer", 45, ExerciseStatus.COMPILE_ERROR, "BoundedBuffer.java:3: \u001B[31m");

        assertThat(ReportText.withMessageEscaped(compileError).message()).isEqualTo("BoundedBuffer.java:3: \\u001B[31m");
    }

    @Test
    void cleaningTwiceChangesNothingMore() {
        TestOutcome once = BUFFER.cleaned(failed(ASSERTJ_ON_A_STUB + "\u0007", List.of()));

        assertThat(BUFFER.cleaned(once)).isEqualTo(once);
    }

    private static TestOutcome failed(String message, List<SourceLocation> locations) {
        return new TestOutcome("BoundedBufferHiddenTests.rejectsCapacityBelowOne", 0, 1, Verdict.FAILED, Visibility.HIDDEN, 1, 0, 20, message,
                "rejectsCapacityBelowOne()", locations);
    }
}
