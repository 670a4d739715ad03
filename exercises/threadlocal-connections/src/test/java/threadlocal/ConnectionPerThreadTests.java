package threadlocal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The public tests of tasks 1 to 4 (ConnectionPerThread), numbered after the tasks in README.md. Each test gets
 * a fresh in-memory H2 database; the data source your code receives remembers every connection it handed out,
 * so the tests can see which ones are still open. Passing them is necessary, not sufficient.
 */
@Timeout(10)
@TestMethodOrder(MethodOrderer.DisplayName.class)
class ConnectionPerThreadTests {

    private TestDatabase database;
    private ConnectionPerThread connections;

    @AfterEach
    void closeEverything() throws SQLException {
        try {
            if (connections != null) {
                connections.close();
            }
        } catch (RuntimeException | SQLException e) {
            // The test has already said what went wrong; the database is shut down below all the same.
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private ConnectionPerThread newConnections() {
        database = TestDatabase.create("public");
        connections = new ConnectionPerThread(database.dataSource());
        return connections;
    }

    // Task 1: a connection on first use

    @Test
    @DisplayName("1.1 get() opens a working connection on first use, and the constructor opens none")
    void getOpensAConnectionOnFirstUse() throws SQLException {
        ConnectionPerThread connections = newConnections();
        assertThat(database.dataSource().handedOutCount())
                .as("connections opened by new ConnectionPerThread(dataSource) before any get()").isZero();
        assertThat(connections.openConnections()).as("openConnections() before any get()").isZero();

        Connection connection = connections.get();

        assertThat(connection).as("what get() returned").isNotNull();
        assertThat(TestDatabase.works(connection)).as("whether the connection get() returned answers SELECT 1").isTrue();
        assertThat(connections.openConnections()).as("openConnections() after the first get()").isEqualTo(1);
    }

    @Test
    @DisplayName("1.2 get() returns the same connection every time on the same thread")
    void getReturnsTheSameConnectionOnTheSameThread() throws SQLException {
        ConnectionPerThread connections = newConnections();

        Connection first = connections.get();
        Connection second = connections.get();

        assertThat(second).as("the second get() on the same thread should return the very connection the first returned")
                .isSameAs(first);
        assertThat(database.dataSource().handedOutCount()).as("connections opened after two get() on one thread")
                .isEqualTo(1);
    }

    // Task 2: one connection per thread

    @Test
    @DisplayName("2.1 Another thread gets a connection of its own")
    void anotherThreadGetsItsOwnConnection() throws Exception {
        ConnectionPerThread connections = newConnections();
        Connection mine = connections.get();

        Connection theirs = onNewThread("other-thread", connections::get);

        assertThat(theirs).as("the connection get() returned on thread 'other-thread', compared with the test thread's")
                .isNotNull()
                .isNotSameAs(mine);
        assertThat(connections.openConnections()).as("openConnections() after two threads called get()").isEqualTo(2);
    }

    @Test
    @DisplayName("2.2 A row inserted and not yet committed on one thread is invisible on another")
    void anUncommittedRowIsInvisibleOnAnotherThread() throws Exception {
        ConnectionPerThread connections = newConnections();
        database.execute("CREATE TABLE orders(id INT PRIMARY KEY)");

        Connection mine = connections.get();
        mine.setAutoCommit(false);
        mine.createStatement().executeUpdate("INSERT INTO orders VALUES (1)");
        int seenHere = TestDatabase.countRows(mine, "orders");
        int seenThere = onNewThread("other-thread", () -> TestDatabase.countRows(connections.get(), "orders"));
        mine.rollback();
        mine.setAutoCommit(true);

        assertThat(seenHere).as("rows the inserting thread sees in its own transaction").isEqualTo(1);
        assertThat(seenThere).as("rows another thread sees while the insert is not committed (its connection must be"
                + " its own, not the inserting thread's)").isZero();
    }

    // Task 3: release

    @Test
    @DisplayName("3.1 release() closes the thread's connection, and the next get() opens a new one")
    void releaseClosesAndTheNextGetOpensANewConnection() throws SQLException {
        ConnectionPerThread connections = newConnections();
        Connection first = connections.get();

        connections.release();

        assertThat(first.isClosed()).as("whether the connection is closed after release()").isTrue();
        assertThat(connections.openConnections()).as("openConnections() after release()").isZero();
        Connection second = connections.get();
        assertThat(second).as("get() after release() should return a new connection, not the released one")
                .isNotSameAs(first);
        assertThat(TestDatabase.works(second)).as("whether the connection get() returned after release() works").isTrue();
        assertThat(connections.openConnections()).as("openConnections() after release() and get()").isEqualTo(1);
    }

    @Test
    @DisplayName("3.2 release() on a thread without a connection does nothing")
    void releaseWithoutAConnectionDoesNothing() throws SQLException {
        ConnectionPerThread connections = newConnections();

        connections.release();

        assertThat(database.dataSource().handedOutCount()).as("connections opened by release() alone").isZero();
        assertThat(connections.openConnections()).as("openConnections() after release() alone").isZero();
    }

    // Task 4: close everything

    @Test
    @DisplayName("4.1 close() closes the connections of every thread, also threads that have ended")
    void closeClosesTheConnectionsOfEveryThread() throws Exception {
        ConnectionPerThread connections = newConnections();
        connections.get();
        for (int i = 1; i <= 3; i++) {
            onNewThread("worker-" + i, connections::get); // each of these threads has ended when onNewThread returns
        }

        connections.close();

        assertThat(database.dataSource().stillOpen())
                .as("connections still open after close(), of the 4 opened by the test thread and 3 threads that had ended")
                .isEmpty();
        assertThat(connections.openConnections()).as("openConnections() after close()").isZero();
    }

    @Test
    @DisplayName("4.2 get() after close() throws IllegalStateException, and close() twice is fine")
    void getAfterCloseThrows() throws SQLException {
        ConnectionPerThread connections = newConnections();
        connections.get();
        connections.close();
        connections.close();

        assertThat(catchThrowable(connections::get))
                .as("what get() threw after close() (null: it threw nothing; it should throw IllegalStateException)")
                .isInstanceOf(IllegalStateException.class);
        assertThat(database.dataSource().handedOutCount()).as("connections opened in all, including by get() after close()")
                .isEqualTo(1);
    }

    // Helpers

    /** Runs the call on a new thread of that name, waits until the thread has ended, and returns what it returned. */
    static <V> V onNewThread(String name, Callable<V> call) throws InterruptedException {
        FutureTask<V> task = new FutureTask<>(call);
        Thread thread = new Thread(task, name);
        thread.start();
        thread.join();
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw new AssertionError("thread '" + name + "' threw " + e.getCause(), e.getCause());
        }
    }
}
