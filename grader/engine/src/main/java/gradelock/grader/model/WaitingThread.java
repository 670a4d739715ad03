package gradelock.grader.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One thread of a deadlock or a stall, as the watchdog saw it: the edges of the wait-for graph that reports draw.
 * Names are plain, as {@code Thread.getName()} gives them; a report writes them with {@link ThreadKind#written}
 * (quoted, or "the test's own thread").
 *
 * @param thread      the thread's name ({@code worker-1}); an unnamed virtual thread's is {@code #} and its id
 * @param kind        the test's own thread, a thread the test or the submission started, or a virtual thread
 * @param waiting     how it waits, in words ("waits in Object.wait()", "is blocked entering synchronized code")
 * @param lock        what it waits for, in words ("a ReentrantLock (#1b6d3586)"), or null if nothing names it
 * @param heldBy      the name of the thread that holds {@code lock}, or null if no thread holds it
 * @param heldByKind  what kind of thread {@code heldBy} is, or null with it
 * @param at          the submission's line where it waits, or null if it waits outside the submission's code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaitingThread(
        @JsonProperty("thread") String thread,
        @JsonProperty("kind") ThreadKind kind,
        @JsonProperty("waiting") String waiting,
        @JsonProperty("lock") String lock,
        @JsonProperty("held_by") String heldBy,
        @JsonProperty("held_by_kind") ThreadKind heldByKind,
        @JsonProperty("at") String at) {

    public WaitingThread {
        // a result written before kinds were recorded reads as threads the test started
        kind = kind == null ? ThreadKind.PLATFORM : kind;
        heldByKind = heldBy == null ? null : heldByKind == null ? ThreadKind.PLATFORM : heldByKind;
    }

    /** The thread as a sentence names it: {@code "worker-1"}, or {@code the test's own thread}. */
    public String writtenThread() {
        return kind.written(thread);
    }

    /** The holder as a sentence names it, or null if no thread holds the lock. */
    public String writtenHolder() {
        return heldBy == null ? null : heldByKind.written(heldBy);
    }
}
