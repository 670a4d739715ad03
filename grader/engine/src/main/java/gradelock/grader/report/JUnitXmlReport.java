package gradelock.grader.report;

import gradelock.grader.grade.ReportText;
import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code --junit-xml}: the result in the JUnit XML shape that CI systems read (Surefire's dialect), one
 * {@code testsuite} per exercise. A test that lost its points is a {@code failure} whose {@code type} is the verdict
 * (an {@code error} for the verdict error); an exercise that could not be graded (compile error, missing, crashed)
 * is one failing test case named after its status, so that CI counts it. The {@code message} attribute is a one-line
 * summary; the element's body holds the whole message.
 *
 * <p>The document is valid against both schemas its consumers check: the Jenkins xUnit plugin's {@code junit-10.xsd}
 * (which allows no {@code skipped} on {@code testsuites}) and Maven Surefire's, one {@code testsuite} at a time. It is
 * well-formed whatever the strings in the result hold: a character XML 1.0 cannot carry (a control character but tab,
 * newline and carriage return, a lone surrogate, U+FFFE, U+FFFF) is written as a visible <code>&#92;u001B</code>, here and not
 * only upstream, because one such character makes the whole file unreadable to every consumer.
 */
public final class JUnitXmlReport extends ReportFile {

    /** The longest {@code message} attribute, in characters: about what a CI's table of failures shows on one line. */
    static final int SUMMARY_LENGTH = 200;

    public JUnitXmlReport(Path file) {
        super(file);
    }

    @Override
    String render(GradingResult result) {
        return toXml(result);
    }

    public static String toXml(GradingResult result) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            attribute(xml, "name", "gradelock");
            counts(xml, result.exercises().stream().mapToInt(JUnitXmlReport::caseCount).sum(),
                    result.exercises().stream().mapToInt(JUnitXmlReport::failureCount).sum(),
                    result.exercises().stream().mapToInt(JUnitXmlReport::errorCount).sum(), result.durationMillis());
            // no skipped here: junit-10.xsd allows it on testsuite only, and Jenkins skips a file that fails the schema
            for (ExerciseOutcome exercise : result.exercises()) {
                suite(xml, exercise);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write JUnit XML: " + e.getMessage(), e);
        }
        return text + "\n";
    }

    private static void suite(XMLStreamWriter xml, ExerciseOutcome exercise) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        attribute(xml, "name", exercise.id());
        counts(xml, caseCount(exercise), failureCount(exercise), errorCount(exercise),
                exercise.tests().stream().mapToLong(TestOutcome::durationMillis).sum());
        attribute(xml, "skipped", "0"); // Surefire's schema requires it on testsuite
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "score", Integer.toString(exercise.score()));
        property(xml, "max_score", Integer.toString(exercise.maxScore()));
        property(xml, "status", exercise.status().jsonName());
        xml.writeEndElement();
        if (exercise.status() != ExerciseStatus.GRADED) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            attribute(xml, "classname", exercise.id());
            attribute(xml, "name", exercise.status().jsonName());
            attribute(xml, "time", "0");
            problem(xml, "failure", exercise.status().jsonName(), summary(exercise.status().jsonName(), exercise.message()), exercise.message());
            xml.writeEndElement();
        }
        for (TestOutcome test : exercise.tests()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            attribute(xml, "classname", exercise.id() + "." + Failures.testClass(test));
            attribute(xml, "name", Failures.testMethod(test));
            attribute(xml, "time", seconds(test.durationMillis()));
            if (!test.passed()) {
                problem(xml, test.verdict() == Verdict.ERROR ? "error" : "failure", test.verdict().jsonName(),
                        summary(Failures.verdictWithRuns(test), test.message()),
                        Failures.verdictWithRuns(test) + ", " + test.score() + "/" + test.maxScore() + " points\n"
                                + (test.message() == null ? "" : test.message()));
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void problem(XMLStreamWriter xml, String element, String type, String headline, String body) throws XMLStreamException {
        xml.writeStartElement(element);
        attribute(xml, "type", type);
        attribute(xml, "message", headline);
        xml.writeCharacters(legal(body == null ? "" : body));
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        attribute(xml, "name", name);
        attribute(xml, "value", value);
    }

    /** Every attribute goes through here, so that none can carry a character XML forbids. */
    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, legal(value));
    }

    private static void counts(XMLStreamWriter xml, int tests, int failures, int errors, long millis) throws XMLStreamException {
        attribute(xml, "tests", Integer.toString(tests));
        attribute(xml, "failures", Integer.toString(failures));
        attribute(xml, "errors", Integer.toString(errors));
        attribute(xml, "time", seconds(millis));
    }

    /**
     * One line for the {@code message} attribute: what went wrong ({@code verdict}, left out where the message begins
     * with it) and the substance of the message. A first line that only leads in (ending in ':', or an assertion's
     * bare {@code [description]}) is joined with the lines after it until one says something; the result is cut to
     * {@link #SUMMARY_LENGTH} with an ellipsis.
     */
    static String summary(String verdict, String message) {
        List<String> lines = message == null ? List.of() : message.lines().map(JUnitXmlReport::withoutBullet).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return verdict;
        }
        StringBuilder gist = new StringBuilder(lines.getFirst());
        for (int next = 1; next < lines.size() && leadsIn(gist, next); next++) {
            gist.append(' ').append(lines.get(next));
        }
        return cut(beginsWithWord(gist, verdict) ? gist.toString() : verdict + ": " + gist, SUMMARY_LENGTH);
    }

    /** {@code Deadlock: these threads...} begins with {@code deadlock}; {@code errors...} does not begin with {@code error}. */
    private static boolean beginsWithWord(CharSequence text, String word) {
        return text.toString().regionMatches(true, 0, word, 0, word.length())
                && (text.length() == word.length() || !Character.isLetterOrDigit(text.charAt(word.length())));
    }

    private static String withoutBullet(String line) {
        String stripped = line.strip();
        return stripped.startsWith("- ") ? stripped.substring(2).strip() : stripped;
    }

    /** Whether what is joined so far is only a lead-in to the line at {@code next}. */
    private static boolean leadsIn(CharSequence gist, int next) {
        boolean description = next == 1 && gist.charAt(0) == '[' && gist.charAt(gist.length() - 1) == ']';
        return description || gist.charAt(gist.length() - 1) == ':';
    }

    /** {@code text} if it has at most {@code length} code points, else its beginning and an ellipsis, pairs kept whole. */
    private static String cut(String text, int length) {
        if (text.codePointCount(0, text.length()) <= length) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, length - 1)).stripTrailing() + "…";
    }

    /**
     * {@code text} with each character XML 1.0 does not allow written as <code>&#92;u</code> and four hex digits: controls but
     * tab, newline and carriage return, surrogates not in a pair, U+FFFE and U+FFFF. Everything else, Chinese and
     * pairs beyond U+FFFF included, is kept; the writer escapes {@code <}, {@code &} and quotes itself.
     */
    static String legal(String text) {
        StringBuilder legal = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (allowedInXml(codePoint)) {
                legal.appendCodePoint(codePoint);
            } else {
                legal.append(ReportText.spelt(codePoint));
            }
        });
        return legal.toString();
    }

    /** XML 1.0's Char production. {@link String#codePoints} gives a lone surrogate as itself, which fails it. */
    private static boolean allowedInXml(int codePoint) {
        return codePoint == '\t' || codePoint == '\n' || codePoint == '\r'
                || codePoint >= 0x20 && codePoint <= 0xD7FF
                || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
    }

    private static int caseCount(ExerciseOutcome exercise) {
        return exercise.tests().size() + (exercise.status() == ExerciseStatus.GRADED ? 0 : 1);
    }

    private static int errorCount(ExerciseOutcome exercise) {
        return (int) exercise.tests().stream().filter(t -> t.verdict() == Verdict.ERROR).count();
    }

    private static int failureCount(ExerciseOutcome exercise) {
        return (int) exercise.tests().stream().filter(t -> !t.passed() && t.verdict() != Verdict.ERROR).count()
                + (exercise.status() == ExerciseStatus.GRADED ? 0 : 1);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
