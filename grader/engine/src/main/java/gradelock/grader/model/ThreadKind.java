package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a thread of a {@link WaitingThread} is, which decides how a sentence names it: the data keeps the plain name, and
 * {@link #written} gives the words every report and message uses for it.
 */
public enum ThreadKind {
    /** The thread that runs the test method; its name (JUnit's, the JVM's) means nothing to a student. */
    TEST,
    /** A thread the test or the submission started. */
    PLATFORM,
    /** A virtual thread; an unnamed one goes by {@code #} and its id. */
    VIRTUAL;

    /** {@code the test's own thread}, {@code "worker-1"}, {@code virtual thread "fetcher-3"}, {@code virtual thread #42}. */
    public String written(String name) {
        return switch (this) {
            case TEST -> "the test's own thread";
            case PLATFORM -> quoted(name);
            case VIRTUAL -> "virtual thread " + (isUnnamedVirtual(name) ? name : quoted(name));
        };
    }

    /** How an unnamed virtual thread is named in the data: {@code #} and its id, as thread dumps write it. */
    public static String unnamedVirtual(long id) {
        return "#" + id;
    }

    private static boolean isUnnamedVirtual(String name) {
        return name.length() > 1 && name.charAt(0) == '#' && name.substring(1).chars().allMatch(Character::isDigit);
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
