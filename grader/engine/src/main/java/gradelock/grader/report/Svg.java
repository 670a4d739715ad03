package gradelock.grader.report;

import gradelock.grader.model.WaitingThread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pictures of the HTML reports, as inline SVG (no scripts, nothing fetched): a score as a bar, a deadlock or a
 * stall as its wait-for graph, and a class's scores as a histogram.
 */
final class Svg {

    private static final String PASSED_COLOUR = "#2da44e";
    private static final String LOST_COLOUR = "#cf222e";
    private static final String TRACK_COLOUR = "#eaeef2";
    private static final String INK = "#1b1f24";

    private static final int BAR_WIDTH = 240;
    private static final int BAR_HEIGHT = 14;

    private static final int ROW = 70;
    private static final int NODE_HEIGHT = 46;
    private static final int THREAD_X = 10;
    private static final int THREAD_WIDTH = 380;
    private static final int LOCK_X = 520;
    private static final int LOCK_WIDTH = 340;
    private static final int GRAPH_WIDTH = LOCK_X + LOCK_WIDTH + 10;

    private Svg() {
    }

    /** {@code score} of {@code max} as a filled bar. */
    static String scoreBar(int score, int max) {
        double share = max == 0 ? 0 : Math.max(0, Math.min(1, (double) score / max));
        return String.format(Locale.ROOT, "<svg class=\"bar\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%d of %d points\">"
                        + "<rect width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\"/><rect width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\"/></svg>",
                BAR_WIDTH, BAR_HEIGHT, score, max, BAR_WIDTH, BAR_HEIGHT, TRACK_COLOUR, share * BAR_WIDTH, BAR_HEIGHT,
                score == max ? PASSED_COLOUR : share > 0 ? "#bf8700" : LOST_COLOUR);
    }

    /**
     * The wait-for graph: threads on the left (each with the submission's line where it waits), what they wait for on
     * the right; a solid arrow from a thread to what it waits for, a dashed arrow from a lock to the thread that holds it.
     */
    static String waitForGraph(List<WaitingThread> waiting) {
        Map<String, String> threadLines = new LinkedHashMap<>();
        Map<String, String> threadStates = new LinkedHashMap<>();
        List<String> locks = new ArrayList<>();
        for (WaitingThread thread : waiting) {
            threadLines.put(thread.writtenThread(), thread.at());
            threadStates.put(thread.writtenThread(), thread.waiting());
            if (thread.lock() != null && !locks.contains(thread.lock())) {
                locks.add(thread.lock());
            }
        }
        for (WaitingThread thread : waiting) {
            if (thread.heldBy() != null) {
                threadLines.putIfAbsent(thread.writtenHolder(), null);
            }
        }
        List<String> threads = new ArrayList<>(threadLines.keySet());
        int height = Math.max(threads.size(), Math.max(1, locks.size())) * ROW + 10;

        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"wait-for\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"wait-for graph\">%n"
                        + "<title>Which thread waits for what, and who holds it</title>%n"
                        + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
                        + "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"%s\"/></marker></defs>%n",
                GRAPH_WIDTH, height, GRAPH_WIDTH, height, INK));
        for (WaitingThread thread : waiting) {
            if (thread.lock() != null) {
                int from = threads.indexOf(thread.writtenThread());
                int to = locks.indexOf(thread.lock());
                svg.append(edge(THREAD_X + THREAD_WIDTH, centre(from), LOCK_X, centre(to), LOST_COLOUR, false, "waits for"));
            }
        }
        for (WaitingThread thread : waiting) {
            if (thread.lock() != null && thread.heldBy() != null) {
                int from = locks.indexOf(thread.lock());
                int to = threads.indexOf(thread.writtenHolder());
                svg.append(edge(LOCK_X, centre(from) + 8, THREAD_X + THREAD_WIDTH, centre(to) + 8, INK, true, "held by"));
            }
        }
        for (int i = 0; i < threads.size(); i++) {
            String name = threads.get(i);
            String line = threadLines.get(name);
            String state = threadStates.get(name);
            svg.append(node("thread", THREAD_X, i, THREAD_WIDTH, "#fff8c5", name,
                    line != null ? "at " + line.substring(line.lastIndexOf('/') + 1) : state != null ? state : "holds a lock"));
        }
        for (int i = 0; i < locks.size(); i++) {
            svg.append(node("lock", LOCK_X, i, LOCK_WIDTH, "#ddf4ff", locks.get(i), null));
        }
        return svg.append("</svg>").toString();
    }

    /** How many students scored in each tenth of the maximum, as columns. */
    static String histogram(List<Integer> buckets, int maxScore) {
        int columnWidth = 56;
        int chartHeight = 160;
        int top = Math.max(1, buckets.stream().mapToInt(Integer::intValue).max().orElse(1));
        int width = buckets.size() * columnWidth + 20;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"histogram\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"score distribution\">%n"
                        + "<title>How many students scored in each tenth of %d points</title>%n",
                width, chartHeight + 40, maxScore));
        for (int i = 0; i < buckets.size(); i++) {
            int count = buckets.get(i);
            double barHeight = (double) count / top * chartHeight;
            int x = 10 + i * columnWidth;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"column\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" fill=\"%s\">%d</text>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
                    x, 10 + chartHeight - barHeight, columnWidth - 8, barHeight, i == buckets.size() - 1 ? PASSED_COLOUR : "#54aeff",
                    x + (columnWidth - 8) / 2, 6 + chartHeight - barHeight, INK, count,
                    x + (columnWidth - 8) / 2, chartHeight + 28, INK, (i * 10) + "–" + (i == buckets.size() - 1 ? 100 : i * 10 + 9) + "%"));
        }
        return svg.append("</svg>").toString();
    }

    private static int centre(int row) {
        return row * ROW + 5 + NODE_HEIGHT / 2;
    }

    private static String edge(int x1, int y1, int x2, int y2, String colour, boolean dashed, String label) {
        return String.format(Locale.ROOT,
                "<g class=\"edge\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s marker-end=\"url(#arrow)\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text></g>%n",
                x1, y1, x2, y2, colour, dashed ? " stroke-dasharray=\"6 4\"" : "",
                // labels a quarter of the way along, so that crossing edges do not put theirs on top of each other
                x1 + (x2 - x1) / 4, y1 + (y2 - y1) / 4 - 4, colour, label);
    }

    private static String node(String kind, int x, int row, int width, String fill, String title, String subtitle) {
        int y = row * ROW + 5;
        StringBuilder node = new StringBuilder(String.format(Locale.ROOT,
                "<g class=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"600\" fill=\"%s\">%s</text>",
                kind, x, y, width, NODE_HEIGHT, fill, INK, x + 8, y + 19, INK, escape(shorten(title, 40))));
        if (subtitle != null) {
            node.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-family=\"monospace\" fill=\"%s\">%s</text>",
                    x + 8, y + 37, INK, escape(shorten(subtitle, 50))));
        }
        return node.append("</g>\n").toString();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
