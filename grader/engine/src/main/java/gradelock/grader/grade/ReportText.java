package gradelock.grader.grade;

import gradelock.grader.fork.SubmissionFrames;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.SourceLocation;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.WaitingThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one step between grading and reporting that makes what a submission can put into a report safe to show, in
 * every format at once: messages, thread and lock names, file names.
 *
 * <ul>
 *   <li>Stack frames of the tests and of libraries are left out of messages: AssertJ, for one, puts the stack of the
 *       throwable it was given into its own message, frames of hidden tests and its internals included. The
 *       submission's own frames stay, and the innermost of them becomes the test's location if it had none, so that an
 *       annotation can point at it.</li>
 *   <li>Control characters other than tab and newline are escaped visibly ({@code \u001B}), and so is whatever else
 *       XML cannot carry or a reader cannot see: a BEL or an ANSI colour code would break a JUnit XML file, and ring or
 *       paint an instructor's terminal; a right-to-left override would show a reader something else than is there.</li>
 * </ul>
 */
public final class ReportText {

    /**
     * A line of a printed stack: {@code at java.base/java.lang.Thread.run(Thread.java:1583)}. Class and method names
     * may be in any script (a submission's classes can be named in Chinese).
     */
    private static final Pattern FRAME = Pattern.compile(
            "\\s*at\\s+(?:[^\\s(]*/)?([\\p{L}\\p{N}_$.]+)\\.([\\p{L}\\p{N}_$<>]+)\\(([^)]*)\\)\\s*");
    /** {@code ... 12 more}, and AssertJ's {@code ...(75 remaining lines not displayed - this can be changed with ...)}. */
    private static final Pattern ELIDED_FRAMES = Pattern.compile("\\s*\\.\\.\\.\\s*(?:\\d+ more|\\(\\d+ remaining lines not displayed.*\\))\\s*");

    private final SubmissionFrames frames;

    /** @param sourceByClass the submission's classes (binary names) and their source files, as the compiler found them */
    public ReportText(Map<String, String> sourceByClass) {
        this.frames = new SubmissionFrames(sourceByClass);
    }

    public TestOutcome cleaned(TestOutcome test) {
        List<StackTraceElement> kept = new ArrayList<>();
        String message = test.message() == null ? null : escaped(withoutForeignFrames(test.message(), kept));
        List<SourceLocation> locations = test.locations().isEmpty()
                ? frames.innermost(kept.toArray(StackTraceElement[]::new)).map(List::of).orElse(List.of())
                : test.locations();
        return new TestOutcome(test.name(), test.score(), test.maxScore(), test.verdict(), test.visibility(), test.runs(), test.passedRuns(),
                test.durationMillis(), message, escaped(test.displayName()), locations.stream().map(ReportText::cleaned).toList(),
                test.waiting().stream().map(ReportText::cleaned).toList(), test.slowestRunMillis(), test.busiestRunMillis());
    }

    /**
     * The exercise's own message escaped (a compile error quotes the submission's lines); its tests are left as they are,
     * each cleaned as it was scored, with the frames of the submission that produced it.
     */
    public static ExerciseOutcome withMessageEscaped(ExerciseOutcome exercise) {
        return new ExerciseOutcome(exercise.id(), exercise.score(), exercise.maxScore(), exercise.status(), escaped(exercise.message()),
                exercise.tests());
    }

    private static SourceLocation cleaned(SourceLocation location) {
        return new SourceLocation(escaped(location.file()), location.line(), escaped(location.className()), escaped(location.method()));
    }

    private static WaitingThread cleaned(WaitingThread thread) {
        return new WaitingThread(escaped(thread.thread()), thread.kind(), escaped(thread.waiting()), escaped(thread.lock()),
                escaped(thread.heldBy()), thread.heldByKind(), escaped(thread.at()));
    }

    /** {@code text} without the stack frames that are not the submission's; those that are go into {@code kept}, innermost first. */
    String withoutForeignFrames(String text, List<StackTraceElement> kept) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            Optional<StackTraceElement> frame = frame(line);
            if (frame.isPresent() && !frames.isSubmissionFrame(frame.get()) || ELIDED_FRAMES.matcher(line).matches()) {
                continue;
            }
            frame.ifPresent(kept::add);
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static Optional<StackTraceElement> frame(String line) {
        Matcher matcher = FRAME.matcher(line);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String where = matcher.group(3);
        int colon = where.lastIndexOf(':');
        String file = colon < 0 ? where : where.substring(0, colon);
        int lineNumber = colon < 0 ? -1 : parseLine(where.substring(colon + 1));
        return Optional.of(new StackTraceElement(matcher.group(1), matcher.group(2), file, lineNumber));
    }

    private static int parseLine(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException notALine) {
            return -1;
        }
    }

    /**
     * {@code text} with every character no report can show as it is spelt {@code \u001B}: C0 and C1 controls but tab and
     * newline (a carriage return at the end of a line goes, as a Windows line end), DEL, the marks that reorder text
     * (bidirectional overrides and isolates), the two non-characters XML forbids, and halves of surrogate pairs alone.
     */
    public static String escaped(String text) {
        if (text == null) {
            return null;
        }
        String lines = text.replace("\r\n", "\n");
        StringBuilder out = null;
        for (int i = 0; i < lines.length(); i++) {
            char c = lines.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < lines.length() && Character.isLowSurrogate(lines.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(lines.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (unshowable(c)) {
                if (out == null) {
                    out = new StringBuilder(lines.length() + 16).append(lines, 0, i);
                }
                out.append(spelt(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? lines : out.toString();
    }

    /** How a character no report can show is written instead: {@code \u001B} for ESC, as Java spells it. */
    public static String spelt(int character) {
        return String.format(Locale.ROOT, "\\u%04X", character);
    }

    private static boolean unshowable(char c) {
        return c < 0x20 && c != '\t' && c != '\n'
                || c >= 0x7F && c <= 0x9F
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C
                || c == 0xFFFE || c == 0xFFFF
                || Character.isSurrogate(c); // a pair was taken whole before this
    }
}
