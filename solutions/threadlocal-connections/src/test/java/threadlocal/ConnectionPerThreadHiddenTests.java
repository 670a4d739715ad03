package threadlocal;

import gradelock.testkit.Points;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hidden tests of ConnectionPerThread. Every test runs against real in-memory H2 databases, and checks what
 * the database and the data source saw (which connections were opened, which are still open, which sessions the
 * database still has), not only what the class under test says about itself. Threads are sequenced by joins and
 * barriers, never by sleeps, so each bug below is caught in every run. solutions/threadlocal-connections/DESIGN.md
 * says which test catches which bug, and how.
 */
@Timeout(10)
class ConnectionPerThreadHiddenTests {

    private final List<TestDatabase> databases = new ArrayList<>();
    private final List<ConnectionPerThread> instances = new ArrayList<>();

    @AfterEach
    void closeEverything() throws SQLException {
        for (ConnectionPerThread instance : instances) {
            try {
                instance.close();
            } catch (RuntimeException | SQLException e) {
                // The test has already said what went wrong; SHUTDOWN below closes whatever is left.
            }
        }
        for (TestDatabase database : databases) {
            database.close();
        }
    }

    private TestDatabase newDatabase(String label) {
        TestDatabase database = TestDatabase.create(label);
        databases.add(database);
        return database;
    }

    private ConnectionPerThread newInstance(TestDatabase database) {
        ConnectionPerThread instance = new ConnectionPerThread(database.dataSource());
        instances.add(instance);
        return instance;
    }

    // Opening

    @Test
    void opensExactlyOneConnectionForManyGetsOnOneThread() throws SQLException {
        TestDatabase database = newDatabase("one-thread");
        ConnectionPerThread connections = newInstance(database);
        assertThat(database.dataSource().handedOutCount())
                .as("connections the constructor opened (it should open none: connections are opened on first use)")
                .isZero();

        Connection first = connections.get();
        for (int call = 2; call <= 5; call++) {
            Connection again = connections.get();
            if (again != first) {
                fail("get() call number %d on the same thread returned a different connection than the first call; every"
                        + " get() on one thread should return the same connection until release(). The data source has"
                        + " handed out %d connections so far.", call, database.dataSource().handedOutCount());
            }
        }
        assertThat(database.dataSource().handedOutCount()).as("connections opened by 5 get() calls on one thread")
                .isEqualTo(1);
        assertThat(connections.openConnections()).as("openConnections() after 5 get() calls on one thread").isEqualTo(1);
    }

    @Test
    @Points(2)
    void eachOfSixThreadsRunningAtOnceGetsAConnectionOfItsOwn() throws Exception {
        TestDatabase database = newDatabase("six-threads");
        ConnectionPerThread connections = newInstance(database);
        int threads = 6;
        // Every thread calls get() twice while all six are alive: nobody can have ended and left its connection behind.
        CyclicBarrier allStarted = new CyclicBarrier(threads);
        CyclicBarrier allDone = new CyclicBarrier(threads);
        List<Worker<List<Connection>>> workers = new ArrayList<>();
        for (int i = 1; i <= threads; i++) {
            workers.add(Worker.start("worker-" + i, () -> {
                allStarted.await();
                List<Connection> got = List.of(connections.get(), connections.get());
                allDone.await();
                return got;
            }));
        }

        Set<Connection> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Worker<List<Connection>> worker : workers) {
            List<Connection> got = worker.result();
            if (got.get(0) != got.get(1)) {
                fail("Thread '%s' called get() twice and got two different connections; one thread should always get the"
                        + " same one.", worker.name());
            }
            distinct.add(got.get(0));
        }
        if (distinct.size() != threads) {
            fail("%d threads running at the same time called get(), and should have got %d different connections, but got"
                    + " only %d: a connection was handed to more than one thread. Each thread needs its own, or one"
                    + " thread's transaction becomes everybody's.", threads, threads, distinct.size());
        }
        assertThat(database.dataSource().handedOutCount())
                .as("connections opened for %d threads that each called get() twice", threads).isEqualTo(threads);
        assertThat(connections.openConnections()).as("openConnections() while %d threads hold one each", threads)
                .isEqualTo(threads);
    }

    @Test
    @Points(2)
    void aRowInsertedAndNotCommittedIsSeenOnlyByTheThreadThatInsertedIt() throws Exception {
        TestDatabase database = newDatabase("isolation");
        database.execute("CREATE TABLE orders(id INT PRIMARY KEY, customer VARCHAR(20))");
        ConnectionPerThread connections = newInstance(database);

        Connection mine = connections.get();
        mine.setAutoCommit(false);
        try (Statement insert = mine.createStatement()) {
            insert.executeUpdate("INSERT INTO orders VALUES (1, 'alice')");
        }
        int otherThreadSaw = Worker.start("other-thread", () -> TestDatabase.countRows(connections.get(), "orders")).result();
        int insertingThreadSaw = TestDatabase.countRows(mine, "orders");
        mine.rollback();
        mine.setAutoCommit(true);
        int afterRollback = Worker.start("third-thread", () -> TestDatabase.countRows(connections.get(), "orders")).result();

        assertThat(insertingThreadSaw).as("rows the inserting thread sees before it commits").isEqualTo(1);
        if (otherThreadSaw != 0) {
            fail("The test thread inserted a row through its connection and did not commit; thread 'other-thread' then"
                    + " counted %d rows through its own connection, but should have seen none. It can only see an"
                    + " uncommitted row if it got the inserting thread's connection.", otherThreadSaw);
        }
        assertThat(afterRollback).as("rows another thread sees after the insert was rolled back").isZero();
    }

    // Release

    @Test
    @Points(2)
    void releaseClosesAndForgetsSoTheNextGetOpensAFreshConnection() throws SQLException {
        TestDatabase database = newDatabase("release");
        ConnectionPerThread connections = newInstance(database);
        Connection first = connections.get();

        connections.release();

        assertThat(first.isClosed()).as("whether release() closed the calling thread's connection").isTrue();
        Connection second = connections.get();
        if (second == first || second.isClosed()) {
            fail("After release(), get() on the same thread returned %s; it should open a new connection. release() must"
                    + " forget the closed connection (ThreadLocal.remove()), not only close it.",
                    second == first ? "the very connection release() had closed" : "a closed connection");
        }
        assertThat(TestDatabase.works(second)).as("whether the connection get() opened after release() answers SELECT 1")
                .isTrue();
        assertThat(connections.get()).as("get() again after release() and get(): the new connection").isSameAs(second);
        assertThat(database.dataSource().handedOutCount()).as("connections opened by get(), release(), get(), get()")
                .isEqualTo(2);
        assertThat(database.openSessions()).as("sessions the database has open after get(), release(), get()")
                .isEqualTo(1);
    }

    @Test
    void releaseTouchesOnlyTheCallingThreadsConnection() throws Exception {
        TestDatabase database = newDatabase("release-mine");
        ConnectionPerThread connections = newInstance(database);
        Connection theirs = Worker.start("worker", connections::get).result();

        Worker.start("idle-thread", () -> {
            connections.release();
            return null;
        }).result();
        Connection mine = connections.get();
        connections.release();

        assertThat(theirs.isClosed())
                .as("whether thread 'worker''s connection is closed after two other threads called release()").isFalse();
        assertThat(mine.isClosed()).as("whether the test thread's connection is closed after its release()").isTrue();
        assertThat(database.dataSource().handedOutCount())
                .as("connections opened by a get() on 'worker', a release() on a thread that had none, and get() then"
                        + " release() on the test thread").isEqualTo(2);
    }

    @Test
    @Points(2)
    void openConnectionsCountsWhatIsOpenOverAllThreads() throws Exception {
        TestDatabase database = newDatabase("count");
        ConnectionPerThread connections = newInstance(database);
        for (int i = 1; i <= 3; i++) {
            Worker.start("worker-" + i, connections::get).result();
        }
        assertThat(connections.openConnections()).as("openConnections() after 3 threads called get() and ended")
                .isEqualTo(3);

        connections.get();
        assertThat(connections.openConnections()).as("openConnections() after the test thread's get() too").isEqualTo(4);
        connections.release();
        assertThat(connections.openConnections())
                .as("openConnections() after the test thread released its connection (a released connection is closed,"
                        + " so it no longer counts)").isEqualTo(3);
        Worker.start("short-lived", () -> {
            connections.get();
            connections.release();
            return null;
        }).result();
        assertThat(connections.openConnections())
                .as("openConnections() after a thread called get() then release()").isEqualTo(3);
        assertThat(database.openSessions()).as("sessions the database really has open at that point").isEqualTo(3);

        connections.close();
        assertThat(connections.openConnections()).as("openConnections() after close()").isZero();
    }

    // Close

    @Test
    @Points(3)
    void closeClosesTheConnectionsOfThreadsThatHaveEnded() throws Exception {
        TestDatabase database = newDatabase("ended-threads");
        ConnectionPerThread connections = newInstance(database);
        for (int i = 1; i <= 4; i++) {
            Worker.start("worker-" + i, () -> TestDatabase.works(connections.get())).result(); // ended when result() returns
        }
        connections.get();
        assertThat(database.openSessions()).as("sessions open after 4 ended threads and the test thread called get()")
                .isEqualTo(5);

        connections.close();

        List<Connection> stillOpen = database.dataSource().stillOpen();
        int sessions = database.openSessions();
        if (!stillOpen.isEmpty() || sessions != 0) {
            fail("4 threads called get() and ended, then the test thread called get() and close(). close() should have"
                    + " closed all 5 connections, but %d are still open (the database still has %d sessions). A ThreadLocal"
                    + " alone only reaches the calling thread's value: keep a thread-safe record of every connection you"
                    + " open, and close them all.", stillOpen.size(), sessions);
        }
        assertThat(connections.openConnections()).as("openConnections() after close()").isZero();
    }

    @Test
    void closeTwiceIsFineAndGetAfterCloseThrowsOnEveryThread() throws Exception {
        TestDatabase database = newDatabase("closed");
        ConnectionPerThread connections = newInstance(database);
        connections.get();
        Worker.start("worker", connections::get).result();

        connections.close();
        connections.close();

        Throwable onTestThread = catchThrowable(connections::get);
        assertThat(onTestThread).as("what get() on the test thread threw after close() (null: it threw nothing, and"
                + " returned a connection; it should throw IllegalStateException)").isInstanceOf(IllegalStateException.class);
        Throwable onOtherThread = Worker.start("late-thread", () -> catchThrowable(connections::get)).result();
        assertThat(onOtherThread).as("what get() on a new thread threw after close() (null: it threw nothing, and"
                + " returned a connection; it should throw IllegalStateException)").isInstanceOf(IllegalStateException.class);
        assertThat(database.dataSource().handedOutCount()).as("connections opened in all, counting any get() after close()")
                .isEqualTo(2);
        assertThat(database.openSessions()).as("sessions open after close(), close(), and two get() calls").isZero();
    }

    // Instances

    @Test
    @Points(2)
    void twoInstancesOverTwoDatabasesNeverShareAConnection() throws Exception {
        TestDatabase databaseA = newDatabase("instance-a");
        TestDatabase databaseB = newDatabase("instance-b");
        ConnectionPerThread a = newInstance(databaseA);
        ConnectionPerThread b = newInstance(databaseB);

        Connection fromA = a.get();
        Connection fromB = b.get();
        Connection fromBOnWorker = Worker.start("worker", () -> {
            a.get();
            return b.get();
        }).result();

        if (!databaseB.dataSource().handedOut().contains(fromB) || !databaseB.dataSource().handedOut().contains(fromBOnWorker)) {
            fail("Two ConnectionPerThread instances over two different databases, A and B: on the same thread, b.get() after"
                    + " a.get() returned %s, but it should be a connection to B, opened from B's data source. A static"
                    + " ThreadLocal is one slot per thread for all instances together; each instance needs its own.",
                    fromB == fromA ? "a's connection (to database A)" : "a connection B's data source never handed out");
        }
        assertThat(fromA).as("a.get()").isNotSameAs(fromB);
        assertThat(databaseA.dataSource().handedOutCount()).as("connections opened to database A (one per thread)")
                .isEqualTo(2);

        a.close();
        assertThat(fromB.isClosed()).as("whether b's connection is closed after a.close()").isFalse();
        assertThat(b.get()).as("b.get() after a.close()").isSameAs(fromB);
    }

    // Threads

    /** A named thread running one call, keeping what it returned or threw. */
    static final class Worker<V> {
        private final Thread thread;
        private final FutureTask<V> task;

        private Worker(String name, Callable<V> call) {
            this.task = new FutureTask<>(call);
            this.thread = new Thread(task, name);
            this.thread.setDaemon(true);
        }

        static <V> Worker<V> start(String name, Callable<V> call) {
            Worker<V> worker = new Worker<>(name, call);
            worker.thread.start();
            return worker;
        }

        String name() {
            return thread.getName();
        }

        /** Waits until the thread has ended (without a time limit: the test's is the limit) and returns its result. */
        V result() throws InterruptedException {
            thread.join();
            try {
                return task.get();
            } catch (ExecutionException e) {
                throw new AssertionError("thread '" + name() + "' threw " + e.getCause(), e.getCause());
            }
        }
    }
}
