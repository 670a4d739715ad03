package gradelock.grader.model;

import java.util.List;

/** A heading and the first few items under it, one per line, for messages a student reads in any report. */
public final class Listing {

    private Listing() {
    }

    /** {@code heading}, then at most {@code most} items indented one per line, then how many more were left out. */
    public static String firstLines(String heading, List<?> items, int most) {
        int shown = Math.min(items.size(), most);
        StringBuilder text = new StringBuilder(heading);
        items.subList(0, shown).forEach(item -> text.append("\n  ").append(item));
        if (shown < items.size()) {
            text.append("\n  ... and ").append(items.size() - shown).append(" more");
        }
        return text.toString();
    }
}
