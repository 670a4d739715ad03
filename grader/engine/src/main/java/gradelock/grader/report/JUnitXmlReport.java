package gradelock.grader.report;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code --junit-xml}: the result in the JUnit XML shape that CI systems read (Surefire's dialect), one
 * {@code testsuite} per exercise. A test that lost its points is a {@code failure} whose {@code type} is the verdict
 * (an {@code error} for the verdict error); an exercise that could not be graded (compile error, missing, crashed)
 * is one failing test case named after its status, so that CI counts it.
 */
public final class JUnitXmlReport extends ReportFile {

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
            xml.writeAttribute("name", "gradelock");
            counts(xml, result.exercises().stream().mapToInt(JUnitXmlReport::caseCount).sum(),
                    result.exercises().stream().mapToInt(JUnitXmlReport::failureCount).sum(),
                    result.exercises().stream().mapToInt(JUnitXmlReport::errorCount).sum(), result.durationMillis());
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
        xml.writeAttribute("name", exercise.id());
        counts(xml, caseCount(exercise), failureCount(exercise), errorCount(exercise),
                exercise.tests().stream().mapToLong(TestOutcome::durationMillis).sum());
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "score", Integer.toString(exercise.score()));
        property(xml, "max_score", Integer.toString(exercise.maxScore()));
        property(xml, "status", exercise.status().jsonName());
        xml.writeEndElement();
        if (exercise.status() != ExerciseStatus.GRADED) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", exercise.id());
            xml.writeAttribute("name", exercise.status().jsonName());
            xml.writeAttribute("time", "0");
            problem(xml, "failure", exercise.status().jsonName(), Failures.headline(exercise.message()), exercise.message());
            xml.writeEndElement();
        }
        for (TestOutcome test : exercise.tests()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", exercise.id() + "." + Failures.testClass(test));
            xml.writeAttribute("name", Failures.testMethod(test));
            xml.writeAttribute("time", seconds(test.durationMillis()));
            if (!test.passed()) {
                problem(xml, test.verdict() == Verdict.ERROR ? "error" : "failure", test.verdict().jsonName(), Failures.headline(test.message()),
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
        xml.writeAttribute("type", type);
        xml.writeAttribute("message", headline);
        xml.writeCharacters(body == null ? "" : body);
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static void counts(XMLStreamWriter xml, int tests, int failures, int errors, long millis) throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(tests));
        xml.writeAttribute("failures", Integer.toString(failures));
        xml.writeAttribute("errors", Integer.toString(errors));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(millis));
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
