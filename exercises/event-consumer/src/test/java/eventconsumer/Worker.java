package eventconsumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.fail;

/**
 * Test support: a named thread that runs one task and keeps its outcome, so that a test can start your code on
 * another thread, watch that thread, and later collect what it returned or threw.
 */
final class Worker<T> {

    /** A task that returns nothing and may throw, such as {@code event::await}. */
    interface Action {
        void run() throws Exception;
    }

    final Thread thread;
    private final FutureTask<T> task;

    private Worker(String name, Callable<T> body) {
        this.task = new FutureTask<>(body);
        this.thread = new Thread(task, name);
    }

    /** Starts {@code body} on a new thread called {@code name}, and adds the thread to {@code started}. */
    static <T> Worker<T> start(String name, Callable<T> body, List<Thread> started) {
        Worker<T> worker = new Worker<>(name, body);
        started.add(worker.thread);
        worker.thread.start();
        return worker;
    }

    static Worker<Void> startVoid(String name, Action body, List<Thread> started) {
        return start(name, () -> {
            body.run();
            return null;
        }, started);
    }

    String name() {
        return thread.getName();
    }

    boolean isDone() {
        return task.isDone();
    }

    /**
     * Waits, without a time limit, for the task to end, and returns its result or throws what it threw. A test
     * that waits here for a thread your code stranded is reported by the grader as stalled, with every thread's
     * position.
     */
    T result() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * Like {@link #result()}, but fails the test with {@code what} if the task has not ended within {@code atMost}
     * (under the grader, no longer than the test's limit: {@link Deadline}).
     */
    T result(Duration atMost, String what) throws Exception {
        Deadline deadline = Deadline.atMost(atMost);
        try {
            return task.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (TimeoutException e) {
            return fail("%s, but thread '%s' was still running after %s, in state %s", what, name(),
                    deadline, thread.getState());
        }
    }

    /** What the task threw, or {@code null} if it returned (waits for it without a time limit). */
    Throwable thrown() throws InterruptedException {
        try {
            task.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /**
     * What the task threw, or {@code null} if it returned; fails the test with {@code what} if the task has not
     * ended within {@code atMost} (under the grader, no longer than the test's limit: {@link Deadline}).
     */
    Throwable thrown(Duration atMost, String what) throws InterruptedException {
        Deadline deadline = Deadline.atMost(atMost);
        try {
            task.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return fail("%s, but thread '%s' was still running after %s, in state %s", what, name(),
                    deadline, thread.getState());
        }
    }

    /** How the task ended, for messages: "returned ..." or "threw ...", or "is still running". */
    String outcome() {
        if (!task.isDone()) {
            return "is still running";
        }
        try {
            return "returned " + task.get();
        } catch (ExecutionException e) {
            return "threw " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted while looking)";
        }
    }

    private static Exception rethrow(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return (Exception) cause;
    }
}
