package gradelock.grader.report;

import gradelock.grader.model.WaitingThread;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The wait-for graph of a deadlock or a stall as SVG: threads in a column on the left (each with the submission's line
 * where it waits), what they wait for in a column on the right, a solid arrow from a thread to what it waits for and a
 * dashed one from a lock to the thread that holds it.
 *
 * <p>The layout is fixed and needs no font: every text is monospace, and a character is taken to advance
 * {@value #ADVANCE_EM} em (0.6 in the common monospace faces, with a little to spare; a CJK character two of them), so a
 * text's width is known before it is drawn. With that, names are wrapped onto as many lines as their box needs rather
 * than cut (a lock keeps its {@code (#hash)}, which ties the box to the message's text, whole on one line); a relation
 * is drawn once however often the watchdog listed it; the ends of a box's arrows are spread along its side; and each
 * arrow's label is put on its arrow where it overlaps no other label, or nudged up or down until it does not.
 */
final class WaitForGraph {

    /** How far a monospace character advances, in em: 0.6 in DejaVu Sans Mono, Liberation Mono, Courier, Menlo. */
    static final double ADVANCE_EM = 0.62;
    /** A text's extent above its baseline and below it, in em. */
    static final double ASCENT_EM = 0.8;
    static final double DESCENT_EM = 0.25;

    private static final String INK = "#1b1f24";
    private static final String WAITS_COLOUR = "#cf222e";
    private static final String THREAD_FILL = "#fff8c5";
    private static final String LOCK_FILL = "#ddf4ff";
    private static final String WAITS_FOR = "waits for";
    private static final String HELD_BY = "held by";

    private static final int MARGIN = 10;
    private static final int BOX_WIDTH = 360;
    /** The room between the columns, where every arrow and its label goes. */
    private static final int GAP = 200;
    private static final int THREAD_X = MARGIN;
    private static final int LOCK_X = THREAD_X + BOX_WIDTH + GAP;
    private static final int WIDTH = LOCK_X + BOX_WIDTH + MARGIN;
    private static final int BOX_GAP = 20;
    private static final int PAD_X = 8;
    private static final int PAD_Y = 6;
    /** The least room between two arrows' ends on one side of a box: a box with many is made taller for them. */
    private static final int END_SPACING = 14;

    private static final TextStyle TITLE = new TextStyle(13, true, 17);
    private static final TextStyle DETAIL = new TextStyle(12, false, 16);
    private static final TextStyle LABEL = new TextStyle(11, false, 0);
    private static final int THREAD_NAME_LINES = 3;
    private static final int LOCK_NAME_LINES = 4;
    private static final int DETAIL_LINES = 3;

    /** Where along an arrow its label is tried first, from its start (0) to its tip (1). */
    private static final double[] ALONG = {0.5, 0.4, 0.6, 0.3, 0.7};
    /** How far a label is nudged up or down at each step when no place on its arrow is free. */
    private static final double NUDGE = 4;
    /** Room kept between two labels, and between a label and a box (where the arrowheads are). */
    private static final double LABEL_SPACING = 2;
    private static final double LABEL_CLEARANCE = 14;

    private WaitForGraph() {
    }

    private record TextStyle(int size, boolean bold, int lineHeight) {

        int columnsPerLine() {
            return (int) ((BOX_WIDTH - 2 * PAD_X) / (ADVANCE_EM * size));
        }
    }

    private record Rect(double left, double top, double right, double bottom) {

        boolean overlaps(Rect other, double spacing) {
            return left < other.right + spacing && other.left < right + spacing
                    && top < other.bottom + spacing && other.top < bottom + spacing;
        }

        double centreY() {
            return (top + bottom) / 2;
        }

        /** Whether the segment from (x1, y1) to (x2, y2) passes through this rectangle (Liang–Barsky clipping). */
        boolean crossedBy(double x1, double y1, double x2, double y2) {
            double enter = 0;
            double leave = 1;
            double[] towards = {-(x2 - x1), x2 - x1, -(y2 - y1), y2 - y1};
            double[] room = {x1 - left, right - x1, y1 - top, bottom - y1};
            for (int side = 0; side < 4; side++) {
                if (towards[side] == 0) {
                    if (room[side] < 0) {
                        return false;
                    }
                    continue;
                }
                double at = room[side] / towards[side];
                if (towards[side] < 0) {
                    enter = Math.max(enter, at);
                } else {
                    leave = Math.min(leave, at);
                }
            }
            return enter <= leave;
        }
    }

    private record Line(String text, TextStyle style) {
    }

    /** A thread's or a lock's box; {@code onRight} says which column, so which side its arrows leave from. */
    private record Box(String kind, boolean onRight, Rect bounds, List<Line> lines, String tooltip) {

        double edgeX() {
            return onRight ? bounds.left() : bounds.right();
        }
    }

    /** One relation: a thread waits for a lock, or a lock is held by a thread. */
    private record Relation(String from, String to, boolean waits) {
    }

    private record Edge(Relation relation, double x1, double y1, double x2, double y2) {

        double x(double along) {
            return x1 + (x2 - x1) * along;
        }

        double y(double along) {
            return y1 + (y2 - y1) * along;
        }
    }

    static String draw(List<WaitingThread> waiting) {
        Map<String, String> threadDetails = new LinkedHashMap<>();
        Set<String> locks = new LinkedHashSet<>();
        Set<Relation> relations = new LinkedHashSet<>();
        for (WaitingThread thread : waiting) {
            threadDetails.putIfAbsent(thread.writtenThread(), thread.at() != null ? "at " + thread.at().substring(thread.at().lastIndexOf('/') + 1)
                    : thread.waiting() != null ? thread.waiting() : "waits");
            if (thread.lock() != null) {
                locks.add(thread.lock());
                relations.add(new Relation(thread.writtenThread(), thread.lock(), true));
            }
        }
        for (WaitingThread thread : waiting) {
            if (thread.lock() != null && thread.heldBy() != null) {
                threadDetails.putIfAbsent(thread.writtenHolder(), "holds a lock");
                relations.add(new Relation(thread.lock(), thread.writtenHolder(), false));
            }
        }

        Map<String, Integer> threadEnds = new LinkedHashMap<>();
        Map<String, Integer> lockEnds = new LinkedHashMap<>();
        for (Relation relation : relations) {
            threadEnds.merge(relation.waits() ? relation.from() : relation.to(), 1, Integer::sum);
            lockEnds.merge(relation.waits() ? relation.to() : relation.from(), 1, Integer::sum);
        }

        Map<String, Box> threadBoxes = new LinkedHashMap<>();
        double threadTop = MARGIN;
        for (Map.Entry<String, String> thread : threadDetails.entrySet()) {
            List<Line> lines = new ArrayList<>(lines(thread.getKey(), "", TITLE, THREAD_NAME_LINES));
            lines.addAll(lines(thread.getValue(), "", DETAIL, DETAIL_LINES));
            Box box = box("thread", false, THREAD_X, threadTop, lines, threadEnds.getOrDefault(thread.getKey(), 0),
                    thread.getKey() + " " + thread.getValue());
            threadBoxes.put(thread.getKey(), box);
            threadTop = box.bounds().bottom() + BOX_GAP;
        }
        Map<String, Box> lockBoxes = new LinkedHashMap<>();
        double lockTop = MARGIN;
        for (String lock : locks) {
            // level with the first thread waiting for it where the column allows, so that its arrow runs straight across
            double top = relations.stream().filter(relation -> relation.waits() && relation.to().equals(lock)).findFirst()
                    .map(relation -> threadBoxes.get(relation.from()).bounds().top()).orElse(lockTop);
            Box box = box("lock", true, LOCK_X, Math.max(lockTop, top), lines(lock, hashOf(lock), TITLE, LOCK_NAME_LINES),
                    lockEnds.getOrDefault(lock, 0), lock);
            lockBoxes.put(lock, box);
            lockTop = box.bounds().bottom() + BOX_GAP;
        }

        List<Edge> edges = edges(relations, threadBoxes, lockBoxes);
        List<Rect> labels = placeLabels(edges);
        double bottom = MARGIN;
        for (Box box : threadBoxes.values()) {
            bottom = Math.max(bottom, box.bounds().bottom());
        }
        for (Box box : lockBoxes.values()) {
            bottom = Math.max(bottom, box.bounds().bottom());
        }
        for (Rect label : labels) {
            bottom = Math.max(bottom, label.bottom());
        }
        int height = (int) Math.ceil(bottom) + MARGIN;

        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"wait-for\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"wait-for graph\">%n"
                        + "<title>Which thread waits for what, and who holds it</title>%n"
                        // the widths above hold for a monospace font only: a page's own rule for svg text must not replace it
                        + "<style>svg.wait-for text { font-family: monospace; }</style>%n"
                        + "<defs>%s%s</defs>%n",
                WIDTH, height, WIDTH, height, marker("wait-for-waits", WAITS_COLOUR), marker("wait-for-held", INK)));
        for (Box box : threadBoxes.values()) {
            svg.append(drawBox(box, THREAD_FILL));
        }
        for (Box box : lockBoxes.values()) {
            svg.append(drawBox(box, LOCK_FILL));
        }
        for (int i = 0; i < edges.size(); i++) {
            svg.append(drawEdge(edges.get(i), labels.get(i)));
        }
        return svg.append("</svg>").toString();
    }

    /** The lock's {@code " (#1b6d3586)"}, which its box must show whole, or nothing if it has none. */
    private static String hashOf(String lock) {
        int at = lock.lastIndexOf(" (#");
        return at >= 0 && lock.endsWith(")") ? lock.substring(at) : "";
    }

    private static List<Line> lines(String text, String keep, TextStyle style, int maxLines) {
        return fitted(text, keep, style.columnsPerLine(), maxLines).stream().map(line -> new Line(line, style)).toList();
    }

    private static Box box(String kind, boolean onRight, double x, double top, List<Line> lines, int arrowEnds, String tooltip) {
        double height = Math.max(2 * PAD_Y + lines.stream().mapToInt(line -> line.style().lineHeight()).sum(), (arrowEnds + 1) * END_SPACING);
        return new Box(kind, onRight, new Rect(x, top, x + BOX_WIDTH, top + height), lines, tooltip);
    }

    /**
     * Each relation once, as an arrow between the facing sides of its boxes. The arrows of one box leave it at points
     * spread along its side, in the order of the boxes they go to, so that no two share a point and few cross near it.
     */
    private static List<Edge> edges(Set<Relation> relations, Map<String, Box> threadBoxes, Map<String, Box> lockBoxes) {
        List<Relation> ordered = new ArrayList<>(relations);
        Map<Box, List<Integer>> endsOfBox = new LinkedHashMap<>();
        List<Box[]> endpoints = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Relation relation = ordered.get(i);
            Box from = relation.waits() ? threadBoxes.get(relation.from()) : lockBoxes.get(relation.from());
            Box to = relation.waits() ? lockBoxes.get(relation.to()) : threadBoxes.get(relation.to());
            endpoints.add(new Box[] {from, to});
            endsOfBox.computeIfAbsent(from, box -> new ArrayList<>()).add(i);
            endsOfBox.computeIfAbsent(to, box -> new ArrayList<>()).add(i);
        }
        double[][] endY = new double[ordered.size()][2];
        for (Map.Entry<Box, List<Integer>> entry : endsOfBox.entrySet()) {
            Box box = entry.getKey();
            List<Integer> ends = new ArrayList<>(entry.getValue());
            ends.sort(Comparator.comparingDouble((Integer edge) -> otherEnd(endpoints.get(edge), box).bounds().centreY())
                    .thenComparing(edge -> edge));
            Rect bounds = box.bounds();
            for (int j = 0; j < ends.size(); j++) {
                int edge = ends.get(j);
                endY[edge][endpoints.get(edge)[0] == box ? 0 : 1] = bounds.top() + (bounds.bottom() - bounds.top()) * (j + 1) / (ends.size() + 1);
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            edges.add(new Edge(ordered.get(i), endpoints.get(i)[0].edgeX(), endY[i][0], endpoints.get(i)[1].edgeX(), endY[i][1]));
        }
        return edges;
    }

    private static Box otherEnd(Box[] endpoints, Box box) {
        return endpoints[0] == box ? endpoints[1] : endpoints[0];
    }

    /**
     * A place for each arrow's label, in the room between the columns: on its arrow where it touches no other label and
     * no other arrow; else on its arrow where it touches no other label; else nudged up or down from its arrow, a step at
     * a time, until it touches no other label (below every other one, at worst).
     */
    private static List<Rect> placeLabels(List<Edge> edges) {
        double left = THREAD_X + BOX_WIDTH + LABEL_CLEARANCE;
        double right = LOCK_X - LABEL_CLEARANCE;
        List<Rect> placed = new ArrayList<>();
        for (Edge edge : edges) {
            double width = width(labelOf(edge), LABEL.size());
            double height = (ASCENT_EM + DESCENT_EM) * LABEL.size();
            Rect chosen = null;
            for (int attempt = 0; chosen == null; attempt++) {
                int step = Math.max(0, attempt - 1); // attempts 0 and 1 on the arrow, then up 1, down 1, up 2, down 2...
                double nudge = NUDGE * ((step + 1) / 2) * (step % 2 == 1 ? -1 : 1);
                for (double along : ALONG) {
                    double centreX = Math.max(left + width / 2, Math.min(right - width / 2, edge.x(along)));
                    double top = edge.y(along) + nudge - height / 2;
                    Rect candidate = new Rect(centreX - width / 2, top, centreX + width / 2, top + height);
                    if (top >= MARGIN / 2.0 && placed.stream().noneMatch(other -> other.overlaps(candidate, LABEL_SPACING))
                            && (attempt > 0 || edges.stream().noneMatch(other -> other != edge
                                    && candidate.crossedBy(other.x1(), other.y1(), other.x2(), other.y2())))) {
                        chosen = candidate;
                        break;
                    }
                }
            }
            placed.add(chosen);
        }
        return placed;
    }

    private static String labelOf(Edge edge) {
        return edge.relation().waits() ? WAITS_FOR : HELD_BY;
    }

    private static String marker(String id, String colour) {
        return String.format(Locale.ROOT, "<marker id=\"%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\""
                + " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"%s\"/></marker>", id, colour);
    }

    private static String drawBox(Box box, String fill) {
        Rect bounds = box.bounds();
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<g class=\"%s\"><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" stroke=\"%s\"/>",
                box.kind(), Svg.escape(box.tooltip()), bounds.left(), bounds.top(), bounds.right() - bounds.left(),
                bounds.bottom() - bounds.top(), fill, INK));
        double lineTop = bounds.top() + PAD_Y;
        for (Line line : box.lines()) {
            TextStyle style = line.style();
            // the em box centred in the line's height
            double baseline = lineTop + (style.lineHeight() - (ASCENT_EM + DESCENT_EM) * style.size()) / 2 + ASCENT_EM * style.size();
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-family=\"monospace\"%s fill=\"%s\">%s</text>",
                    bounds.left() + PAD_X, baseline, style.size(), style.bold() ? " font-weight=\"600\"" : "", INK, Svg.escape(line.text())));
            lineTop += style.lineHeight();
        }
        return svg.append("</g>\n").toString();
    }

    private static String drawEdge(Edge edge, Rect label) {
        boolean waits = edge.relation().waits();
        String colour = waits ? WAITS_COLOUR : INK;
        return String.format(Locale.ROOT,
                "<g class=\"edge %s\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s marker-end=\"url(#%s)\"/>"
                        // a pale ground under the label keeps it legible where its arrow, or another, passes beneath
                        + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>"
                        + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-family=\"monospace\" text-anchor=\"middle\" fill=\"%s\">%s</text></g>%n",
                waits ? "waits-for" : "held-by", edge.x1(), edge.y1(), edge.x2(), edge.y2(), colour, waits ? "" : " stroke-dasharray=\"6 4\"",
                waits ? "wait-for-waits" : "wait-for-held", label.left() - 1, label.top(), label.right() - label.left() + 2,
                label.bottom() - label.top(), (label.left() + label.right()) / 2, label.top() + ASCENT_EM * LABEL.size(), LABEL.size(), colour,
                labelOf(edge));
    }

    /** How wide {@code text} is drawn at {@code size}, by the estimate above. */
    static double width(String text, double size) {
        return columns(text) * ADVANCE_EM * size;
    }

    static int columns(String text) {
        return text.codePoints().map(WaitForGraph::columns).sum();
    }

    /** East Asian wide characters take two columns of a monospace font. */
    private static int columns(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        boolean wide = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || codePoint >= 0x3000 && codePoint <= 0x303f || codePoint >= 0xff01 && codePoint <= 0xff60 || codePoint >= 0x1f300;
        return wide ? 2 : 1;
    }

    /**
     * {@code text} in lines of at most {@code max} columns, whole if it fits in {@code maxLines}; otherwise with as much
     * of its middle left out ("…") as it takes to fit, never any of {@code keep}, the end it must show whole.
     */
    static List<String> fitted(String text, String keep, int max, int maxLines) {
        List<String> lines = wrap(text, max);
        if (lines.size() <= maxLines) {
            return lines;
        }
        int[] head = text.substring(0, text.length() - keep.length()).codePoints().toArray();
        for (int kept = Math.min(head.length - 1, max * maxLines - columns(keep) - 1); kept > 0; kept--) {
            String cut = new String(head, 0, (kept + 1) / 2) + "…" + new String(head, head.length - kept / 2, kept / 2) + keep;
            lines = wrap(cut, max);
            if (lines.size() <= maxLines) {
                return lines;
            }
        }
        return wrap("…" + keep, max);
    }

    /** Lines of at most {@code max} columns, broken at white space; a word longer than a line fills it and goes on in the next. */
    static List<String> wrap(String text, int max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int used = 0;
        for (String word : text.strip().split("\\s+")) {
            int needed = (used == 0 ? 0 : 1) + columns(word);
            if (used + needed <= max) {
                line.append(used == 0 ? "" : " ").append(word);
                used += needed;
                continue;
            }
            if (columns(word) <= max || used + 2 > max) {
                if (used > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                    used = 0;
                }
            } else if (used > 0) {
                line.append(' ');
                used++;
            }
            for (int at = 0; at < word.length(); ) {
                int codePoint = word.codePointAt(at);
                if (used + columns(codePoint) > max) {
                    lines.add(line.toString());
                    line.setLength(0);
                    used = 0;
                }
                line.appendCodePoint(codePoint);
                used += columns(codePoint);
                at += Character.charCount(codePoint);
            }
        }
        if (used > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
