package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to one test, named so that a student can tell a concurrency bug from an ordinary one. */
public enum Verdict {
    PASSED,
    /** An assertion of the test did not hold. */
    FAILED,
    /** The test or the submission threw an exception the test did not expect. */
    ERROR,
    /** The test ran past its time limit. */
    TIMEOUT,
    /** Threads of the test wait for each other's locks in a cycle. */
    DEADLOCK,
    /** Every thread of the test waits, no cycle, and nothing can wake them (a lost wakeup, for instance). */
    STALLED,
    /**
     * The test passed, but threads or child processes its code started were still running after it ended, in an
     * exercise where stopping them is part of the task ({@code "check_leaks": true}).
     */
    LEAKED,
    /** The test never ran; the message says why. */
    NOT_RUN;

    /** Verdicts after which the test JVM may hold stuck threads, so it must not run another test. */
    public boolean taintsJvm() {
        return this == TIMEOUT || this == DEADLOCK || this == STALLED || this == LEAKED;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict fromJsonName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
