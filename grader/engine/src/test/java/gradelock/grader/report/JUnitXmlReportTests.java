package gradelock.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gradelock.grader.model.ExerciseOutcome;
import gradelock.grader.model.ExerciseStatus;
import gradelock.grader.model.GradingResult;
import gradelock.grader.model.TestOutcome;
import gradelock.grader.model.Verdict;
import gradelock.grader.model.Visibility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JUnit XML file as its consumers read it: well-formed to a real parser whatever a submission put in its messages,
 * valid against the Jenkins xUnit plugin's {@code junit-10.xsd} (the whole document) and Maven Surefire's report
 * schema (each {@code testsuite} alone, as Surefire writes one per file), for every verdict and exercise status.
 */
class JUnitXmlReportTests {

    /** What a student's exception message can hold that XML 1.0 cannot, or that XML gives a meaning to. */
    private static final String HOSTILE = "bell \u0007, colour \u001B[31mred\u001B[0m, nul \u0000, form feed \f, carriage return \r\n"
            + "lone surrogates \uD800 and \uDFFF, non-characters \uFFFE \uFFFF, a real pair \uD83D\uDE00 kept, "
            + "CDATA's end ]]> and <tag> & \"double\" 'single' quotes, 中文消息:\n  a second line";

    private static final String DEADLOCK = """
            Deadlock: these threads each hold a lock that another of them needs, so none can go on:
              - "producer-3" is blocked entering synchronized code on an Object (#6572296a) held by "consumer-1" at boundedbuffer/BoundedBuffer.java:90 (signalNotEmpty)
              - "consumer-1" is blocked entering synchronized code on the monitor of a BoundedBuffer (#7f3c39c0) held by "producer-3" at boundedbuffer/BoundedBuffer.java:81 (size)
            Take locks in one fixed order everywhere, or hold only one at a time.""";

    private static final String ASSERTJ = "[new BoundedBuffer<>(0) should throw IllegalArgumentException] \nExpecting code to raise a throwable.";

    /** Messages every verdict and status is written with, each named for what it tries. */
    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("a plain message", "expected 3 items but found 2"),
                Arguments.of("no message", null),
                Arguments.of("ANSI colours and a bell", "\u001B[31mexpected\u001B[0m 3 items\u0007 but found 2"),
                Arguments.of("other C0 controls", "nul \u0000, backspace \b, form feed \f, vertical tab \u000B, carriage return \r\n, unit separator \u001F"),
                Arguments.of("lone surrogates and non-characters", "high \uD800, low \uDFFF, reversed \uDE00\uD83D, U+FFFE \uFFFE, U+FFFF \uFFFF"),
                Arguments.of("markup and CDATA's end", "]]> <failure message=\"x\"> & &amp; ' <![CDATA[ ]]]]> --> <!--"),
                Arguments.of("all of those with Chinese", HOSTILE),
                Arguments.of("a very long message", "中文 and English, " + "x".repeat(200_000) + "\n" + HOSTILE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyVerdictAndStatusLeavesTheFileWellFormed(String what, String message, @TempDir Path folder) throws Exception {
        Document xml = parse(written(folder, everyVerdictAndStatus(message)));

        assertThat(xml.getElementsByTagName("testcase").getLength()).as("test cases: one per verdict, and one per exercise that could not be graded")
                .isEqualTo(Verdict.values().length + ExerciseStatus.values().length - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyVerdictAndStatusIsValidForJenkinsXunitAsAWholeDocument(String what, String message, @TempDir Path folder) throws Exception {
        Schema jenkins = schema("jenkins-xunit-junit-10.xsd");

        validate(jenkins, "Jenkins xUnit's junit-10.xsd", "the whole document", written(folder, everyVerdictAndStatus(message)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyVerdictAndStatusIsValidForSurefireOneTestsuiteAtATime(String what, String message, @TempDir Path folder) throws Exception {
        Schema surefire = schema("surefire-test-report-3.0.2.xsd");
        Document xml = parse(written(folder, everyVerdictAndStatus(message)));
        NodeList suites = xml.getDocumentElement().getElementsByTagName("testsuite");
        assertThat(suites.getLength()).as("one testsuite per exercise").isEqualTo(ExerciseStatus.values().length);

        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            validate(surefire, "Surefire's test report schema", "testsuite " + suite.getAttribute("name"), alone(suite));
        }
    }

    @Test
    void charactersXmlCannotHoldAreEscapedVisiblyAndEverythingElseIsKept(@TempDir Path folder) throws Exception {
        Document xml = parse(written(folder, everyVerdictAndStatus(HOSTILE)));
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);

        assertThat(failure.getTextContent())
                .contains("bell \\u0007, colour \\u001B[31mred\\u001B[0m, nul \\u0000, form feed \\u000C, carriage return \n")
                .contains("lone surrogates \\uD800 and \\uDFFF, non-characters \\uFFFE \\uFFFF, a real pair \uD83D\uDE00 kept, ")
                .contains("CDATA's end ]]> and <tag> & \"double\" 'single' quotes, 中文消息:\n  a second line");
        assertThat(failure.getAttribute("message")).contains("bell \\u0007, colour \\u001B[31mred");
    }

    @Test
    void aVeryLongMessageIsKeptWholeInTheElementsBody(@TempDir Path folder) throws Exception {
        String longMessage = "中文 and English, " + "x".repeat(200_000);
        Element failure = (Element) parse(written(folder, everyVerdictAndStatus(longMessage))).getElementsByTagName("failure").item(0);

        assertThat(failure.getTextContent()).endsWith(longMessage);
        assertThat(failure.getAttribute("message")).hasSizeLessThanOrEqualTo(200).endsWith("…");
    }

    @Test
    void anyJavaStringAnywhereLeavesTheFileWellFormed(@TempDir Path folder) throws Exception {
        Random random = new Random(14);
        for (int round = 0; round < 50; round++) {
            String message = randomString(random, 400);
            String name = randomString(random, 20) + "." + randomString(random, 20);
            GradingResult result = GradingResult.of(List.of(
                    ExerciseOutcome.graded(randomString(random, 12), List.of(test(name, Verdict.FAILED, message))),
                    ExerciseOutcome.ungraded(randomString(random, 12), 5, ExerciseStatus.CRASHED, message)), 10);

            parse(written(folder, result));
        }
    }

    @Test
    void theMessageAttributeJoinsALeadInEndingInAColonWithWhatFollows() {
        Element failure = onlyProblem(test("BoundedBufferTests.traffic", Verdict.DEADLOCK, DEADLOCK));

        assertThat(failure.getAttribute("message"))
                .startsWith("Deadlock: these threads each hold a lock that another of them needs, so none can go on: "
                        + "\"producer-3\" is blocked entering synchronized code on an Object (#6572296a) held by")
                .endsWith("…")
                .hasSizeLessThanOrEqualTo(200)
                .doesNotContain("\n");
        assertThat(failure.getTextContent()).as("the element's body keeps the whole message").contains(DEADLOCK);
    }

    @Test
    void theMessageAttributeJoinsAnAssertionsDescriptionWithTheSentenceAfterItAndNamesTheVerdict() {
        Element failure = onlyProblem(test("BoundedBufferTests.rejectsCapacityBelowOne", Verdict.FAILED, ASSERTJ));

        assertThat(failure.getAttribute("message"))
                .isEqualTo("failed: [new BoundedBuffer<>(0) should throw IllegalArgumentException] Expecting code to raise a throwable.");
    }

    @Test
    void theMessageAttributeOfARepeatedTestSaysHowManyRunsPassed() {
        TestOutcome repeated = new TestOutcome("BoundedBufferHiddenTests.traffic", 0, 3, Verdict.DEADLOCK, Visibility.HIDDEN, 5, 2, 10,
                "Run 3 of 5: " + DEADLOCK, "traffic", List.of());

        assertThat(onlyProblem(repeated).getAttribute("message"))
                .startsWith("deadlock (2/5 runs passed): Run 3 of 5: Deadlock: these threads each hold a lock that another of them needs,");
    }

    @Test
    void theMessageAttributeOfAnUngradedExerciseNamesItsStatusAndItsFirstReason() throws Exception {
        GradingResult result = GradingResult.of(List.of(ExerciseOutcome.ungraded("event-consumer", 20, ExerciseStatus.COMPILE_ERROR,
                "It does not compile:\n  eventconsumer/Event.java:12: ';' expected\n  eventconsumer/Event.java:14: ';' expected")), 10);
        Element failure = (Element) parse(JUnitXmlReport.toXml(result).getBytes(StandardCharsets.UTF_8))
                .getElementsByTagName("failure").item(0);

        assertThat(failure.getAttribute("message")).isEqualTo("compile_error: It does not compile: eventconsumer/Event.java:12: ';' expected");
    }

    // --- the result under test

    /** One exercise with a test of every verdict, and one ungraded exercise of every other status, all saying {@code message}. */
    private static GradingResult everyVerdictAndStatus(String message) {
        List<ExerciseOutcome> exercises = new ArrayList<>();
        exercises.add(ExerciseOutcome.graded("bounded-buffer", Arrays.stream(Verdict.values())
                .map(verdict -> test("BoundedBufferHiddenTests." + verdict.jsonName(), verdict, message)).toList()));
        Arrays.stream(ExerciseStatus.values()).filter(status -> status != ExerciseStatus.GRADED)
                .forEach(status -> exercises.add(ExerciseOutcome.ungraded("exercise-" + status.jsonName(), 10, status, message)));
        return GradingResult.of(exercises, 98_765);
    }

    private static TestOutcome test(String name, Verdict verdict, String message) {
        boolean passed = verdict == Verdict.PASSED;
        return new TestOutcome(name, passed ? 2 : 0, 2, verdict, Visibility.HIDDEN, 1, passed ? 1 : 0, 1234, passed ? null : message, name, List.of());
    }

    private static Element onlyProblem(TestOutcome test) {
        byte[] xml = JUnitXmlReport.toXml(GradingResult.of(List.of(ExerciseOutcome.graded("bounded-buffer", List.of(test))), 10))
                .getBytes(StandardCharsets.UTF_8);
        try {
            Document document = parse(xml);
            NodeList problems = document.getElementsByTagName(test.verdict() == Verdict.ERROR ? "error" : "failure");
            assertThat(problems.getLength()).as("problems of the one test that lost its points").isEqualTo(1);
            return (Element) problems.item(0);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new AssertionError("the JUnit XML should parse, but " + e.getMessage(), e);
        }
    }

    /** Every UTF-16 code unit is as likely as any other, so lone surrogates and controls turn up often. */
    private static String randomString(Random random, int maxLength) {
        char[] chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = random.nextInt(4) == 0 ? (char) random.nextInt(0x20) : (char) random.nextInt(Character.MAX_VALUE + 1);
        }
        return new String(chars);
    }

    // --- reading it as consumers do

    /** The bytes of the file the report writes, the way grading writes it. */
    private static byte[] written(Path folder, GradingResult result) throws IOException {
        Path file = folder.resolve("junit.xml");
        new JUnitXmlReport(file).gradingFinished(result);
        return Files.readAllBytes(file);
    }

    private static Document parse(byte[] xml) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(STRICT);
        try {
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new AssertionError("the JUnit XML should be well-formed, but the parser stopped at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessage() + "\n" + excerpt(xml, e.getLineNumber()), e);
        }
    }

    /** {@code suite} as a document of its own, as Surefire writes one suite per file. */
    private static byte[] alone(Element suite) throws TransformerException {
        StringWriter text = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(suite), new StreamResult(text));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void validate(Schema schema, String schemaName, String what, byte[] xml) throws IOException {
        try {
            Validator validator = schema.newValidator();
            validator.setErrorHandler(STRICT);
            validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            throw new AssertionError(what + " of the JUnit XML should be valid against " + schemaName + ", but at line " + e.getLineNumber()
                    + ": " + e.getMessage() + "\n" + excerpt(xml, e.getLineNumber()), e);
        } catch (SAXException e) {
            throw new AssertionError(what + " of the JUnit XML should be valid against " + schemaName + ", but " + e.getMessage(), e);
        }
    }

    /** The line the parser or validator named, cut short, so the failure shows what it stumbled on. */
    private static String excerpt(byte[] xml, int line) {
        List<String> lines = new String(xml, StandardCharsets.UTF_8).lines().toList();
        String text = line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
        return "  line " + line + ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text).chars()
                .mapToObj(c -> c < 0x20 ? String.format("\\u%04X", c) : String.valueOf((char) c)).collect(Collectors.joining());
    }

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    // --- the consumers' schemas, kept beside the repository in our CI

    private static Schema schema(String fileName) throws SAXException {
        Path folder = schemasFolder();
        assumeTrue(Files.isRegularFile(folder.resolve(fileName)), "the report consumers' schemas are not in " + folder
                + " (../shared/schemas beside the repository, present in the project's CI only), so JUnit XML is not checked against "
                + fileName + " here");
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(folder.resolve(fileName).toFile());
    }

    /** {@code ../shared/schemas} from the repository's root, found above the working directory (Maven's is the module's). */
    private static Path schemasFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("exercises")) && Files.isDirectory(dir.resolve("grader"))) {
                return dir.resolveSibling("shared").resolve("schemas").normalize();
            }
        }
        return Path.of("").toAbsolutePath().resolveSibling("shared").resolve("schemas");
    }
}
