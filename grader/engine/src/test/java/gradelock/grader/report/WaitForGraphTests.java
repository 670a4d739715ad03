package gradelock.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import gradelock.grader.model.ThreadKind;
import gradelock.grader.model.WaitingThread;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The wait-for graph's geometry, read back from the SVG it draws: every text is measured and checked against the others,
 * the boxes and the view box; every lock is named in full; every relation is drawn once.
 *
 * <p>How wide a text is, is estimated as the layout estimates it: the graph writes every text in a monospace font, whose
 * characters all advance 0.6 em in the common faces (DejaVu Sans Mono, Liberation Mono, Courier, Menlo), so a text of
 * n characters at size s is taken as n × 0.62 × s wide (a little to spare), and as tall as its em box: from 0.8 s above
 * its baseline to 0.25 s below it.
 */
class WaitForGraphTests {

    private static final double ADVANCE_EM = 0.62;
    private static final double ASCENT_EM = 0.8;
    private static final double DESCENT_EM = 0.25;
    /** How far an edge's end may sit from its box's border and still touch it (the arrow's tip). */
    private static final double TOUCH = 2;

    private static final List<String> LOCKS = List.of(
            "the monitor of a BoundedBuffer (#1b6d3586)",
            "a ReentrantLock (#4e50df2e)",
            "the monitor of a TransferQueueWithARatherLongName.Segment (#7a81197d)",
            "a ReentrantReadWriteLock (#5ca881b5)");

    static Stream<Arguments> graphs() {
        return Stream.of(
                Arguments.of("a deadlock of 2 threads", deadlock(2)),
                Arguments.of("a deadlock of 3 threads", deadlock(3)),
                Arguments.of("a deadlock of 4 threads", deadlock(4)),
                Arguments.of("a stall with one waiter", List.of(new WaitingThread("consumer-1", ThreadKind.PLATFORM,
                        "waits in Object.wait()", LOCKS.get(0), null, null, "boundedbuffer/BoundedBuffer.java:40 (take)"))),
                Arguments.of("a stall with several waiters", stallOfSeveral()),
                Arguments.of("a deadlock listed with duplicate pairs", withDuplicatePairs()));
    }

    /** Thread i waits for lock i, which thread i + 1 holds; the last lock is held by the first thread. */
    private static List<WaitingThread> deadlock(int threads) {
        List<WaitingThread> cycle = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int holder = (i + 1) % threads;
            cycle.add(new WaitingThread(worker(i), kindOf(i), "is blocked entering synchronized code", LOCKS.get(i), worker(holder),
                    kindOf(holder), "deadlock/Transfers.java:" + (40 + i) + " (moveFrom" + i + "To" + holder + ")"));
        }
        return cycle;
    }

    /** In the 3-thread cycle the test's own thread takes part, as it does when a test calls the submission directly. */
    private static String worker(int i) {
        return i == 2 ? "main" : "worker-" + (i + 1);
    }

    private static ThreadKind kindOf(int i) {
        return i == 2 ? ThreadKind.TEST : ThreadKind.PLATFORM;
    }

    private static List<WaitingThread> stallOfSeveral() {
        List<WaitingThread> stall = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            stall.add(new WaitingThread("consumer-" + i, ThreadKind.PLATFORM, "waits in Object.wait()", LOCKS.get(0), null, null,
                    "boundedbuffer/BoundedBuffer.java:40 (take)"));
        }
        stall.add(new WaitingThread("producer-1", ThreadKind.PLATFORM, "waits (parked)", "a Condition (#6d06d69c)", null, null,
                "boundedbuffer/BoundedBuffer.java:28 (put)"));
        stall.add(new WaitingThread("auditor", ThreadKind.PLATFORM, "is blocked entering synchronized code", LOCKS.get(1),
                "producer-1", ThreadKind.PLATFORM, "boundedbuffer/BoundedBuffer.java:55 (size)"));
        stall.add(new WaitingThread("main", ThreadKind.TEST, "waits in Object.wait()", "a Thread (#3f99bd52)", null, null, null));
        stall.add(new WaitingThread("fetcher-3", ThreadKind.VIRTUAL, "is waiting", LOCKS.get(0), null, null,
                "boundedbuffer/BoundedBuffer.java:40 (take)"));
        return stall;
    }

    /** A deadlock of two as the watchdog may list it: one thread twice, and a third waiting for the same lock from the same holder. */
    private static List<WaitingThread> withDuplicatePairs() {
        List<WaitingThread> listed = new ArrayList<>(deadlock(2));
        listed.add(listed.get(0));
        listed.add(new WaitingThread("worker-3", ThreadKind.PLATFORM, "is blocked entering synchronized code", LOCKS.get(0), "worker-2",
                ThreadKind.PLATFORM, "deadlock/Transfers.java:40 (moveFrom0To1)"));
        return listed;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void noTextOverlapsAnotherOrLeavesThePicture(String graph, List<WaitingThread> waiting) throws Exception {
        Picture picture = Picture.of(Svg.waitForGraph(waiting));

        for (Label label : picture.labels()) {
            assertThat(picture.viewBox().contains(label.bounds()))
                    .as("\"%s\" at %s lies within the view box %s of %s", label.text(), label.bounds(), picture.viewBox(), graph).isTrue();
        }
        List<Label> labels = picture.labels();
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(labels.get(i).bounds().overlaps(labels.get(j).bounds()))
                        .as("\"%s\" at %s overlaps \"%s\" at %s in %s", labels.get(i).text(), labels.get(i).bounds(),
                                labels.get(j).text(), labels.get(j).bounds(), graph).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void everyTextIsInTheMonospaceFontWhoseWidthsTheLayoutEstimates(String graph, List<WaitingThread> waiting) throws Exception {
        assertThat(Picture.of(Svg.waitForGraph(waiting)).labels()).as("the texts of %s", graph)
                .allSatisfy(label -> assertThat(label.fontFamily()).as("the font of \"%s\"", label.text()).isEqualTo("monospace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void edgeLabelsStayOffTheBoxesAndEachBoxHoldsItsOwnText(String graph, List<WaitingThread> waiting) throws Exception {
        Picture picture = Picture.of(Svg.waitForGraph(waiting));

        for (Box box : picture.boxes()) {
            for (Label label : box.labels()) {
                assertThat(box.bounds().contains(label.bounds()))
                        .as("\"%s\" at %s lies within its box %s in %s", label.text(), label.bounds(), box.bounds(), graph).isTrue();
            }
            for (Edge edge : picture.edges()) {
                assertThat(edge.label().bounds().overlaps(box.bounds()))
                        .as("the label \"%s\" at %s overlaps the box of %s at %s in %s", edge.label().text(), edge.label().bounds(),
                                box.text(), box.bounds(), graph).isFalse();
            }
            for (Box other : picture.boxes()) {
                assertThat(box != other && box.bounds().overlaps(other.bounds()))
                        .as("the box of %s overlaps the box of %s in %s", box.text(), other.text(), graph).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void everyLockIsNamedInFullWithItsHash(String graph, List<WaitingThread> waiting) throws Exception {
        Picture picture = Picture.of(Svg.waitForGraph(waiting));

        for (String lock : waiting.stream().map(WaitingThread::lock).distinct().toList()) {
            String hash = lock.substring(lock.indexOf("(#"));
            assertThat(picture.boxes()).as("the boxes of %s", graph)
                    .anySatisfy(box -> {
                        assertThat(withoutSpaces(box.text())).as("a lock box's text").isEqualTo(withoutSpaces(lock));
                        assertThat(box.labels()).as("the lines of the box of %s", lock).extracting(Label::text)
                                .anySatisfy(line -> assertThat(line).endsWith(hash));
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void everyRelationIsDrawnOnceFromItsBoxToItsBox(String graph, List<WaitingThread> waiting) throws Exception {
        Picture picture = Picture.of(Svg.waitForGraph(waiting));

        Set<String> expected = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (WaitingThread thread : waiting) {
            names.add(thread.writtenThread());
            if (thread.lock() != null) {
                names.add(thread.lock());
                expected.add(thread.writtenThread() + " waits for " + thread.lock());
                if (thread.heldBy() != null) {
                    names.add(thread.writtenHolder());
                    expected.add(thread.lock() + " held by " + thread.writtenHolder());
                }
            }
        }
        List<String> drawn = picture.edges().stream()
                .map(edge -> picture.boxAt(edge.x1(), edge.y1()).nameAmong(names) + " " + edge.label().text() + " "
                        + picture.boxAt(edge.x2(), edge.y2()).nameAmong(names))
                .toList();
        assertThat(drawn).as("the edges of %s, each from the box it starts at to the box its arrow points at", graph)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aLongLockNameIsWrappedWholeAndNoBoxTextIsCut() throws Exception {
        String lock = "the monitor of a ConcurrentRingBufferWithBackpressureAndAVeryLongNameIndeed.SegmentOfTheRing (#00c0ffee)";
        List<WaitingThread> stall = List.of(new WaitingThread("a-thread-whose-name-a-student-made-long-on-purpose-to-see", ThreadKind.PLATFORM,
                "waits in Object.wait()", lock, null, null, "ring/ConcurrentRingBufferWithBackpressure.java:1234 (awaitASlotToBecomeFree)"));
        Picture picture = Picture.of(Svg.waitForGraph(stall));

        assertThat(picture.boxes()).extracting(box -> withoutSpaces(box.text())).as("the boxes' text, all of it")
                .contains(withoutSpaces(lock), withoutSpaces("\"a-thread-whose-name-a-student-made-long-on-purpose-to-see\""
                        + "at ConcurrentRingBufferWithBackpressure.java:1234 (awaitASlotToBecomeFree)"));
        assertThat(picture.labels()).extracting(Label::text).as("every text of the graph").noneMatch(text -> text.contains("…"));
    }

    @Test
    void aNameTooLongForItsBoxLosesItsMiddleButALockNeverItsHash() throws Exception {
        String thread = "x".repeat(300) + "-worker-7";
        String lock = "the monitor of a " + "Segment".repeat(60) + " (#00c0ffee)";
        Picture picture = Picture.of(Svg.waitForGraph(List.of(new WaitingThread(thread, ThreadKind.PLATFORM,
                "is blocked entering synchronized code", lock, null, null, null))));

        List<String> threadLines = picture.boxes().getFirst().labels().stream().map(Label::text).toList();
        assertThat(threadLines.getFirst()).as("the thread's first line").startsWith("\"xxx");
        assertThat(String.join("", threadLines)).as("the thread's lines").contains("…").contains("-worker-7\"");
        List<String> lockLines = picture.boxes().getLast().labels().stream().map(Label::text).toList();
        assertThat(lockLines).as("the lock's lines").hasSizeLessThanOrEqualTo(4);
        assertThat(lockLines.getFirst()).as("the lock's first line").startsWith("the monitor of a Segment");
        assertThat(lockLines.getLast()).as("the lock's last line").endsWith("(#00c0ffee)");
        assertThat(String.join("", lockLines)).as("the lock's lines").contains("…");
    }

    private static String withoutSpaces(String text) {
        return text.replaceAll("\\s+", "");
    }

    /** A rectangle: left, top, right, bottom. */
    record Bounds(double left, double top, double right, double bottom) {

        boolean overlaps(Bounds other) {
            return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
        }

        boolean contains(Bounds inner) {
            return inner.left >= left && inner.right <= right && inner.top >= top && inner.bottom <= bottom;
        }

        boolean touches(double x, double y) {
            return x >= left - TOUCH && x <= right + TOUCH && y >= top - TOUCH && y <= bottom + TOUCH;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[%.0f,%.0f–%.0f,%.0f]", left, top, right, bottom);
        }
    }

    record Label(String text, String fontFamily, Bounds bounds) {

        static Label of(Element text) {
            String content = text.getTextContent();
            double size = Double.parseDouble(text.getAttribute("font-size"));
            double x = Double.parseDouble(text.getAttribute("x"));
            double baseline = Double.parseDouble(text.getAttribute("y"));
            double width = content.length() * ADVANCE_EM * size;
            double left = switch (text.getAttribute("text-anchor")) {
                case "middle" -> x - width / 2;
                case "end" -> x - width;
                default -> x;
            };
            return new Label(content, text.getAttribute("font-family"),
                    new Bounds(left, baseline - ASCENT_EM * size, left + width, baseline + DESCENT_EM * size));
        }
    }

    /** A thread's or a lock's box, with its lines of text. */
    record Box(Bounds bounds, List<Label> labels) {

        String text() {
            return String.join(" ", labels.stream().map(Label::text).toList());
        }

        /** The longest of {@code names} the box's text begins with (a thread's box goes on with its line). */
        String nameAmong(Set<String> names) {
            String text = withoutSpaces(text());
            return names.stream().filter(name -> text.startsWith(withoutSpaces(name)))
                    .max((a, b) -> Integer.compare(a.length(), b.length()))
                    .orElseThrow(() -> new AssertionError("The box reading \"" + text() + "\" names none of " + names + " in full."));
        }
    }

    record Edge(double x1, double y1, double x2, double y2, Label label) {
    }

    record Picture(Bounds viewBox, List<Label> labels, List<Box> boxes, List<Edge> edges) {

        static Picture of(String svg) throws Exception {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            String[] view = document.getDocumentElement().getAttribute("viewBox").trim().split("\\s+");
            Bounds viewBox = new Bounds(Double.parseDouble(view[0]), Double.parseDouble(view[1]),
                    Double.parseDouble(view[0]) + Double.parseDouble(view[2]), Double.parseDouble(view[1]) + Double.parseDouble(view[3]));
            List<Label> labels = elements(document.getDocumentElement(), "text").stream().map(Label::of).toList();
            List<Box> boxes = new ArrayList<>();
            List<Edge> edges = new ArrayList<>();
            for (Element group : elements(document.getDocumentElement(), "g")) {
                String kind = group.getAttribute("class");
                if (kind.equals("thread") || kind.equals("lock")) {
                    Element rect = elements(group, "rect").getFirst();
                    double x = Double.parseDouble(rect.getAttribute("x"));
                    double y = Double.parseDouble(rect.getAttribute("y"));
                    boxes.add(new Box(new Bounds(x, y, x + Double.parseDouble(rect.getAttribute("width")),
                            y + Double.parseDouble(rect.getAttribute("height"))), elements(group, "text").stream().map(Label::of).toList()));
                } else if (kind.startsWith("edge")) {
                    Element line = elements(group, "line").getFirst();
                    edges.add(new Edge(Double.parseDouble(line.getAttribute("x1")), Double.parseDouble(line.getAttribute("y1")),
                            Double.parseDouble(line.getAttribute("x2")), Double.parseDouble(line.getAttribute("y2")),
                            Label.of(elements(group, "text").getFirst())));
                }
            }
            return new Picture(viewBox, labels, boxes, edges);
        }

        /** The one box the point touches; a point on no box, or on two, fails the test. */
        Box boxAt(double x, double y) {
            List<Box> touched = boxes.stream().filter(box -> box.bounds().touches(x, y)).toList();
            assertThat(touched).as("the boxes an edge's end at (%.0f, %.0f) touches", x, y).hasSize(1);
            return touched.getFirst();
        }

        private static List<Element> elements(Element parent, String name) {
            NodeList nodes = parent.getElementsByTagName(name);
            List<Element> found = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                found.add((Element) nodes.item(i));
            }
            return found;
        }
    }
}
