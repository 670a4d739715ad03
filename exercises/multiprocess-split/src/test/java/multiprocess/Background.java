package multiprocess;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call run on a platform thread of its own, so that the test thread can watch the child processes meanwhile, wait
 * for the call with a limit, and interrupt it.
 */
final class Background<V> {

    private final CompletableFuture<V> result = new CompletableFuture<>();
    private final Thread thread;

    private Background(String name, Callable<V> call) {
        thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    static <V> Background<V> start(String name, Callable<V> call) {
        Background<V> background = new Background<>(name, call);
        background.thread.start();
        return background;
    }

    Thread thread() {
        return thread;
    }

    /** Whether the call has ended, by returning or by throwing. */
    boolean ended() {
        return result.isDone();
    }

    /** What the call did, for a message: "returned [..]" or "threw ...". Only once it ended. */
    String outcome() {
        Throwable thrown = thrown();
        return thrown == null ? "returned " + result.getNow(null) : "threw " + thrown;
    }

    /** Whether the call ended (returned or threw) within {@code deadline}. */
    boolean awaitEnd(Deadline deadline) throws InterruptedException {
        try {
            result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // ended by throwing
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    /** What the call returned; throws what it threw. Only after {@link #awaitEnd} said it ended. */
    V value() throws Throwable {
        try {
            return result.getNow(null);
        } catch (CompletionException e) {
            throw e.getCause();
        }
    }

    /** What the call threw, or {@code null} if it returned. Only after {@link #awaitEnd} said it ended. */
    Throwable thrown() {
        try {
            result.getNow(null);
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /** Interrupts the call's thread, for the clean-up after a test. */
    void stop() {
        thread.interrupt();
    }
}
