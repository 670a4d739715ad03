import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Prints GitHub Actions annotations for the public tests that failed, read from Surefire's reports, so that each
 * shows on the line it concerns in a pull request: the first line of your code in the failure's stack trace, or else
 * the public test's own line. One annotation a line, however many tests fail there; the lines where most tests fail
 * come first; at most ten, since GitHub shows no more error annotations than that a step, then a notice of the rest.
 *
 * <p>Run from the repository's root, after {@code ./mvnw test}: {@code java .github/PublicTestsAnnotations.java}.
 */
public class PublicTestsAnnotations {

    private static final int MAX_ERRORS = 10;
    private static final int MAX_MESSAGE = 1_500;
    private static final int TESTS_NAMED = 5;
    /** A stack frame: {@code at boundedbuffer.BoundedBuffer.<init>(BoundedBuffer.java:32)}, its class and its line. */
    private static final Pattern FRAME = Pattern.compile(
            "at\\s+(?:[^\\s(]*/)?([\\p{L}\\p{N}_$.]+)\\.[\\p{L}\\p{N}_$<>]+\\([^():]+\\.java:(\\d+)\\)");

    record Failure(String exercise, String test, String message) {
    }

    /** A line of a file, or no line (file null): where an annotation goes. */
    record Place(String file, int line) {
    }

    public static void main(String[] args) throws IOException {
        Map<Place, List<Failure>> byPlace = new LinkedHashMap<>();
        for (Path exercise : exercises(Path.of("."))) {
            Map<String, String> mainSources = sources(exercise.resolve("src/main/java"));
            Map<String, String> testSources = sources(exercise.resolve("src/test/java"));
            for (Path report : reports(exercise)) {
                for (Failure failure : failures(exercise, report)) {
                    Place place = firstFrameIn(failure.message(), mainSources)
                            .or(() -> firstFrameIn(failure.message(), testSources)).orElse(new Place(null, 0));
                    byPlace.computeIfAbsent(place, ignored -> new ArrayList<>()).add(failure);
                }
            }
        }
        List<Map.Entry<Place, List<Failure>>> places = byPlace.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Place, List<Failure>> entry) -> -entry.getValue().size())
                        .thenComparing(entry -> entry.getKey().file() == null ? "\uFFFF" : entry.getKey().file())
                        .thenComparingInt(entry -> entry.getKey().line()))
                .toList();
        places.stream().limit(MAX_ERRORS).forEach(entry -> System.out.println(annotation(entry.getKey(), entry.getValue())));
        int left = places.stream().skip(MAX_ERRORS).mapToInt(entry -> entry.getValue().size()).sum();
        if (left > 0) {
            System.out.println("::notice title=" + property(left + " more failing public tests") + "::" + data("GitHub shows at most "
                    + MAX_ERRORS + " error annotations a step: " + left + " more failing public tests are not annotated. The log of"
                    + " the step that ran the tests, and the summary of this run, list them all."));
        }
    }

    private static String annotation(Place place, List<Failure> failures) {
        Failure first = failures.get(0);
        String where = place.file() == null ? "" : "file=" + property(place.file()) + ",line=" + place.line() + ",";
        if (failures.size() == 1) {
            return "::error " + where + "title=" + property(first.exercise() + ": " + first.test()) + "::" + data(cut(first.message()));
        }
        List<String> names = failures.stream().map(Failure::test).distinct().toList();
        String named = String.join(", ", names.subList(0, Math.min(TESTS_NAMED, names.size())))
                + (names.size() > TESTS_NAMED ? " and " + (names.size() - TESTS_NAMED) + " more" : "");
        return "::error " + where + "title=" + property(first.exercise() + ": " + failures.size() + " public tests fail here") + "::"
                + data(named + ". The first says:\n" + cut(first.message()));
    }

    /** The exercises: the folders beside this build's pom.xml that are Maven modules of their own. */
    private static List<Path> exercises(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).map(root::relativize).sorted().toList();
        }
    }

    private static List<Path> reports(Path exercise) throws IOException {
        Path folder = exercise.resolve("target/surefire-reports");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
    }

    /** Each top-level class of a source folder (its binary name) and its file, relative to the repository's root. */
    private static Map<String, String> sources(Path folder) throws IOException {
        Map<String, String> byClass = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return byClass;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String name = folder.relativize(file).toString().replace('\\', '/').replaceFirst("\\.java$", "").replace('/', '.');
                byClass.put(name, file.toString().replace('\\', '/').replaceFirst("^\\./", ""));
            }
        }
        return byClass;
    }

    private static List<Failure> failures(Path exercise, Path report) {
        List<Failure> failures = new ArrayList<>();
        try {
            NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                for (String kind : List.of("failure", "error")) {
                    NodeList problems = testCase.getElementsByTagName(kind);
                    if (problems.getLength() > 0) {
                        // the test's name as the console shows it: "3.1 take() waits ...", its task's number first
                        String test = testCase.getAttribute("name");
                        failures.add(new Failure(exercise.getFileName().toString(), test, problems.item(0).getTextContent().strip()));
                        break;
                    }
                }
            }
        } catch (Exception unreadable) {
            System.out.println("::warning title=" + property("unreadable test report") + "::" + data(report + ": " + unreadable.getMessage()));
        }
        return failures;
    }

    /** The first frame of {@code trace} in one of {@code sources}: for a nested class, the file of its top-level class. */
    private static Optional<Place> firstFrameIn(String trace, Map<String, String> sources) {
        Matcher frame = FRAME.matcher(trace);
        while (frame.find()) {
            String topLevel = frame.group(1).replaceFirst("\\$.*", "");
            if (sources.containsKey(topLevel)) {
                return Optional.of(new Place(sources.get(topLevel), Integer.parseInt(frame.group(2))));
            }
        }
        return Optional.empty();
    }

    /** The message without the frames of the tests' libraries, which tell a student nothing, and not too long. */
    private static String cut(String message) {
        String kept = message.lines().filter(line -> !line.strip().matches("at (java\\.|jdk\\.|org\\.junit|org\\.assertj|org\\.awaitility|org\\.apache\\.maven|sun\\.).*"))
                .reduce((a, b) -> a + "\n" + b).orElse("");
        return kept.length() <= MAX_MESSAGE ? kept : kept.substring(0, MAX_MESSAGE) + " ...";
    }

    /** GitHub's escaping of an annotation's text. */
    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** GitHub's escaping of an annotation's properties (file, title), which ':' and ',' would end. */
    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
