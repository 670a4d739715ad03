package threadlocal;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The public tests of tasks 5 and 6 (RequestContext), numbered after the tasks in README.md. Every test runs its
 * calls on a thread pool of one thread of its own, so that a user left bound by one test cannot reach another.
 */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class RequestContextTests {

    private final ExecutorService handler = Executors.newSingleThreadExecutor(task -> new Thread(task, "request-handler"));

    @AfterEach
    void stopTheHandler() throws InterruptedException {
        handler.shutdownNow();
        handler.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Runs the call on the handler thread and returns what it returned. */
    private <V> V onHandler(Callable<V> call) throws Exception {
        Future<V> result = handler.submit(call);
        return result.get();
    }

    // Task 5: bind the user while a task runs

    @Test
    @DisplayName("5.1 currentUser() is the user of callAs while the task runs, and empty before and after")
    void theUserIsBoundWhileTheTaskRuns() throws Exception {
        assertThat(onHandler(RequestContext::currentUser)).as("currentUser() outside any callAs").isEmpty();

        Optional<String> inside = onHandler(() -> RequestContext.callAs("alice", RequestContext::currentUser));

        assertThat(inside).as("currentUser() inside callAs(\"alice\", task)").contains("alice");
        assertThat(onHandler(RequestContext::currentUser)).as("currentUser() after callAs(\"alice\", task) returned")
                .isEmpty();
    }

    @Test
    @DisplayName("5.2 callAs returns what the task returned")
    void callAsReturnsWhatTheTaskReturned() throws Exception {
        Integer answer = onHandler(() -> RequestContext.callAs("alice", () -> 42));

        assertThat(answer).as("what callAs(\"alice\", () -> 42) returned").isEqualTo(42);
    }

    @Test
    @DisplayName("5.3 A nested callAs binds its own user, and the outer user is back when it returns")
    void aNestedCallRestoresTheOuterUser() throws Exception {
        String seen = onHandler(() -> RequestContext.callAs("alice", () -> {
            String inner = RequestContext.callAs("bob", () -> RequestContext.currentUser().orElse("nobody"));
            return inner + " then " + RequestContext.currentUser().orElse("nobody");
        }));

        assertThat(seen).as("the user inside callAs(\"bob\"), then after it returned, both within callAs(\"alice\")")
                .isEqualTo("bob then alice");
    }

    @Test
    @DisplayName("5.4 The task's exception comes out of callAs unchanged")
    void theTasksExceptionPropagatesUnchanged() throws Exception {
        IOException failure = new IOException("disk on fire");

        Throwable thrown = onHandler(() -> catchThrowable(() -> RequestContext.callAs("alice", () -> {
            throw failure;
        })));

        assertThat(thrown).as("what callAs threw when its task threw an IOException (the same object, not wrapped)")
                .isSameAs(failure);
    }

    // Task 6: pooled threads

    @Test
    @DisplayName("6.1 After a task that threw, the pooled thread's next task has no user")
    void aTaskThatThrowsLeavesNoUserBehind() throws Exception {
        onHandler(() -> catchThrowable(() -> RequestContext.callAs("alice", () -> {
            throw new IllegalStateException("request failed");
        })));

        Optional<String> nextTask = onHandler(RequestContext::currentUser);

        assertThat(nextTask).as("currentUser() in the next task on the same pooled thread, after a task run as"
                + " \"alice\" threw (callAs must restore the binding also when the task throws)").isEmpty();
    }

    @Test
    @DisplayName("6.2 Another thread does not see the user bound on this one")
    void anotherThreadDoesNotSeeTheUser() throws Exception {
        Optional<String> elsewhere = onHandler(() -> RequestContext.callAs("alice",
                () -> ConnectionPerThreadTests.onNewThread("other-thread", RequestContext::currentUser)));

        assertThat(elsewhere).as("currentUser() on another thread while 'request-handler' runs a task as \"alice\"")
                .isEmpty();
    }
}
