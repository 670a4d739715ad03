package gradelock.grader.report;

import gradelock.grader.model.WaitingThread;
import java.util.List;
import java.util.Locale;

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

    /** The wait-for graph of a deadlock or a stall ({@link WaitForGraph}). */
    static String waitForGraph(List<WaitingThread> waiting) {
        return WaitForGraph.draw(waiting);
    }

    /**
     * How many students scored in each tenth of {@code maxScore} points of {@code what} (the exercises graded, or one
     * exercise), as columns: each column's count above it, its range below. The picture has a viewBox that holds every
     * label, the tallest column's count included, so it scales without clipping any.
     */
    static String histogram(List<Integer> buckets, int maxScore, String what) {
        int columnWidth = 56;
        int columnGap = 8;
        int side = 10;
        int countRoom = 24; // above the tallest column: its count (12 px) and a gap
        int chartHeight = 160;
        int rangeRoom = 26; // below the columns: the ranges (11 px)
        int top = Math.max(1, buckets.stream().mapToInt(Integer::intValue).max().orElse(1));
        int width = buckets.size() * columnWidth - columnGap + 2 * side;
        int height = countRoom + chartHeight + rangeRoom;
        int baseline = countRoom + chartHeight;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"histogram\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n"
                        + "<title>%s</title>%n",
                width, height, width, height, escape("score distribution: " + what),
                escape("How many students scored in each tenth of " + maxScore + " points (" + what + ")")));
        for (int i = 0; i < buckets.size(); i++) {
            int count = buckets.get(i);
            double barHeight = (double) count / top * chartHeight;
            int x = side + i * columnWidth;
            int middle = x + (columnWidth - columnGap) / 2;
            boolean last = i == buckets.size() - 1;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"column\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>"
                            + "<text class=\"count\" x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" fill=\"%s\">%d</text>"
                            + "<text class=\"range\" x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
                    x, baseline - barHeight, columnWidth - columnGap, barHeight, last ? PASSED_COLOUR : "#54aeff",
                    middle, baseline - barHeight - 6, INK, count,
                    middle, baseline + 17, INK, (i * 10) + "–" + (last ? 100 : i * 10 + 9) + "%"));
        }
        return svg.append("</svg>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
