package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One thread of a deadlock or a stall, as the watchdog saw it: the edges of the wait-for graph that reports draw.
 *
 * @param thread  the thread's name as reports write it ("the test's own thread", or its quoted name)
 * @param waiting how it waits, in words ("waits in Object.wait()", "is blocked entering synchronized code")
 * @param lock    what it waits for, in words ("a ReentrantLock (#1b6d3586)"), or null if nothing names it
 * @param heldBy  the thread that holds {@code lock}, named as {@code thread} is, or null if no thread holds it
 * @param at      the submission's line where it waits, or null if it waits outside the submission's code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaitingThread(
        @JsonProperty("thread") String thread,
        @JsonProperty("waiting") String waiting,
        @JsonProperty("lock") String lock,
        @JsonProperty("held_by") String heldBy,
        @JsonProperty("at") String at) {
}
