package threadlocal;

import gradelock.testkit.Points;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of RequestContext. They run their calls on pools of their own: a single-thread pool where a
 * test needs the next task to run on the very thread the previous one ran on (as a web server's worker pool does),
 * so that a user left behind is seen by the next task in every run, not by chance.
 */
@Timeout(10)
class RequestContextHiddenTests {

    private final List<ExecutorService> pools = new ArrayList<>();

    @AfterEach
    void stopThePools() throws InterruptedException {
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
        }
        for (ExecutorService pool : pools) {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A pool of one thread of that name: every task submitted runs on that same thread, one after the other. */
    private ExecutorService singleThreadPool(String name) {
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, name));
        pools.add(pool);
        return pool;
    }

    private static <V> V run(ExecutorService pool, Callable<V> call) throws Exception {
        Future<V> result = pool.submit(call);
        return result.get();
    }

    @Test
    @Points(2)
    void aTaskThatThrowsLeavesNoUserForTheNextTaskOnThePooledThread() throws Exception {
        ExecutorService pool = singleThreadPool("pooled-handler");
        Thread[] ranOn = new Thread[2];

        run(pool, () -> {
            ranOn[0] = Thread.currentThread();
            return catchThrowable(() -> RequestContext.callAs("alice", () -> {
                throw new IllegalStateException("request for alice failed");
            }));
        });
        Optional<String> nextTask = run(pool, () -> {
            ranOn[1] = Thread.currentThread();
            return RequestContext.currentUser();
        });

        assertThat(ranOn[1]).as("the thread of the second task (a single-thread pool)").isSameAs(ranOn[0]);
        if (nextTask.isPresent()) {
            fail("A task on pooled thread 'pooled-handler' ran callAs(\"alice\", ...) and its task threw; the next task on"
                    + " the same thread then saw currentUser() = %s, but should have seen no user. callAs must restore the"
                    + " previous binding also when the task throws (try/finally), or one request's user leaks into the"
                    + " next request on that thread.", nextTask);
        }
    }

    @Test
    @Points(2)
    void aNestedCallRestoresTheOuterUserAlsoWhenItsTaskThrows() throws Exception {
        ExecutorService pool = singleThreadPool("handler");

        List<String> seen = run(pool, () -> RequestContext.callAs("alice", () -> {
            List<String> users = new ArrayList<>();
            RequestContext.callAs("bob", () -> users.add(user()));
            users.add(user());
            catchThrowable(() -> RequestContext.callAs("carol", () -> {
                users.add(user());
                throw new IOException("carol's call failed");
            }));
            users.add(user());
            return users;
        }));
        Optional<String> afterwards = run(pool, RequestContext::currentUser);

        assertThat(seen)
                .as("currentUser() inside callAs(\"alice\"): in a nested callAs(\"bob\"), after it returned, in a nested"
                        + " callAs(\"carol\") whose task throws, and after that threw. A nested call must put the outer"
                        + " user back, not clear it")
                .containsExactly("bob", "alice", "carol", "alice");
        assertThat(afterwards).as("currentUser() in the next task on the same pooled thread").isEmpty();
    }

    @Test
    void theTasksExceptionComesOutUnchanged() throws Exception {
        ExecutorService pool = singleThreadPool("handler");
        IOException checked = new IOException("database unreachable");
        IllegalArgumentException unchecked = new IllegalArgumentException("bad request");
        AssertionError error = new AssertionError("an Error, not an Exception");

        List<Throwable> thrown = run(pool, () -> List.of(
                catchThrowable(() -> RequestContext.callAs("alice", () -> {
                    throw checked;
                })),
                catchThrowable(() -> RequestContext.callAs("alice", () -> {
                    throw unchecked;
                })),
                catchThrowable(() -> RequestContext.callAs("alice", () -> {
                    throw error;
                }))));

        assertThat(thrown)
                .as("what callAs threw when its task threw an IOException, an IllegalArgumentException, an AssertionError:"
                        + " each the very object the task threw, not wrapped and not replaced")
                .containsExactly(checked, unchecked, error);
    }

    @Test
    @Points(2)
    void twoRequestsRunningAtOnceEachSeeTheirOwnUser() throws Exception {
        ExecutorService first = singleThreadPool("handler-alice");
        ExecutorService second = singleThreadPool("handler-bob");
        // Both users are bound before either thread looks, and neither call ends (and restores anything) before both
        // have looked: a binding shared by all threads then shows one of them the other's user.
        CyclicBarrier bothBound = new CyclicBarrier(2);
        CyclicBarrier bothLooked = new CyclicBarrier(2);
        Callable<String> lookWhileBothAreBound = () -> {
            bothBound.await();
            String seen = user();
            bothLooked.await();
            return seen;
        };
        Future<String> alice = first.submit(() -> RequestContext.callAs("alice", lookWhileBothAreBound));
        Future<String> bob = second.submit(() -> RequestContext.callAs("bob", lookWhileBothAreBound));

        String aliceSaw = alice.get();
        String bobSaw = bob.get();
        if (!aliceSaw.equals("alice") || !bobSaw.equals("bob")) {
            fail("Two threads ran callAs at the same time, as \"alice\" and as \"bob\"; each should see its own user, but"
                    + " alice's thread saw %s and bob's saw %s. The binding must be per thread (a ThreadLocal), not one"
                    + " field shared by all threads.", aliceSaw, bobSaw);
        }
    }

    @Test
    void aThreadStartedByTheTaskDoesNotSeeTheUser() throws Exception {
        ExecutorService pool = singleThreadPool("handler");

        String seenByChild = run(pool, () -> RequestContext.callAs("alice",
                () -> ConnectionPerThreadTests.onNewThread("child-thread", RequestContextHiddenTests::user)));

        assertThat(seenByChild)
                .as("currentUser() on a thread started inside callAs(\"alice\") (a binding belongs to one thread only;"
                        + " an InheritableThreadLocal would pass it on to every thread created meanwhile, pool threads"
                        + " included, and they would keep it)")
                .isEqualTo("nobody");
    }

    @Test
    void rejectsANullUserWithoutRunningTheTask() throws Exception {
        ExecutorService pool = singleThreadPool("handler");
        AtomicBoolean ran = new AtomicBoolean();

        Throwable thrown = run(pool, () -> catchThrowable(() -> RequestContext.callAs(null, () -> ran.getAndSet(true))));
        Optional<String> afterwards = run(pool, RequestContext::currentUser);

        assertThat(thrown).as("what callAs(null, task) threw").isInstanceOf(NullPointerException.class);
        assertThat(ran).as("whether callAs(null, task) ran the task").isFalse();
        assertThat(afterwards).as("currentUser() after callAs(null, task)").isEmpty();
    }

    private static String user() {
        return RequestContext.currentUser().orElse("nobody");
    }
}
