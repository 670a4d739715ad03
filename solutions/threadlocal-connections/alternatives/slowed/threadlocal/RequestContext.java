package threadlocal;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Who the current request is for: a user name bound to the thread that handles the request, so that every
 * method the handler calls can ask {@link #currentUser()} instead of being passed the user.
 *
 * <p>A binding belongs to one thread only: other threads, including threads the task starts, do not see it.
 * It lasts exactly as long as {@link #callAs} runs, so a pooled thread never carries one task's user into
 * the next task.
 *
 * <p>Made slower on purpose: both methods dawdle for a fixed time before they do their work, as a student's logging
 * of each call would.
 */
public final class RequestContext {

    /** Extra cost of each call, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 500_000;

    private static final ThreadLocal<String> USER = new ThreadLocal<>();

    private RequestContext() {
    }

    /**
     * Runs {@code task} on the calling thread with {@code user} bound to it, and returns what the task
     * returned. Afterwards the thread's previous binding is back: the outer user if this call is nested in
     * another {@code callAs}, or no user at all. That holds also when the task throws, and then the task's
     * exception propagates unchanged (the same object, not wrapped).
     *
     * @param user the user to bind, not {@code null}
     * @param task what to run as {@code user}
     * @param <T> what the task returns
     * @return what {@code task} returned
     * @throws NullPointerException if {@code user} or {@code task} is {@code null}; the task did not run
     * @throws Exception whatever {@code task} threw
     */
    public static <T> T callAs(String user, Callable<T> task) throws Exception {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(task, "task");
        dawdle();
        String previous = USER.get();
        USER.set(user);
        try {
            return task.call();
        } finally {
            if (previous == null) {
                USER.remove();
            } else {
                USER.set(previous);
            }
        }
    }

    /**
     * Returns the user bound to the calling thread by the innermost {@link #callAs} running on it.
     *
     * @return that user, or empty outside any {@code callAs}
     */
    public static Optional<String> currentUser() {
        dawdle();
        return Optional.ofNullable(USER.get());
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
