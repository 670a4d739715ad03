package threadlocal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

/**
 * Gives every thread its own database connection, opened from a {@link DataSource} the first time the thread
 * asks for one, and handed back to that thread (and only to it) on every later call, so that every method a
 * request handler calls can reach "its" connection without passing it around.
 *
 * <p>A thread's connection is never shared with another thread: what one thread does in its transaction
 * (say, a row it inserted and has not committed) is invisible to the others until it commits.
 *
 * <p>{@link #release()} closes and forgets the calling thread's connection; call it when a thread is done
 * with its work, above all on a pooled thread that will run other tasks. {@link #close()} closes every
 * connection this instance opened and that is still open, whichever thread opened it, also threads that
 * have ended since.
 *
 * <p>Each instance keeps its own connections: two instances over two data sources never hand out each
 * other's connections, not even to the same thread.
 *
 * <p>Made slower on purpose: every public method dawdles for a fixed time before it does its work, as a student's
 * logging of each call would.
 */
public final class ConnectionPerThread implements AutoCloseable {

    /** Extra cost of each call, tuned against the reference's test times (README.md). */
    private static final long DAWDLE_NANOS = 500_000;

    private final DataSource dataSource;
    /** The calling thread's connection: the fast path of get(), which needs no lock. */
    private final ThreadLocal<Connection> threadsConnection = new ThreadLocal<>();
    /** Every connection opened and not yet closed, over all threads: a ThreadLocal cannot list other threads' values. */
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Creates an instance that opens connections from {@code dataSource} when threads first ask for one.
     * Opens nothing yet.
     *
     * @param dataSource where connections come from
     * @throws NullPointerException if {@code dataSource} is {@code null}
     */
    public ConnectionPerThread(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Returns the calling thread's own connection. The first call on a thread (and the first call after
     * {@link #release()}) opens one from the data source; later calls on the same thread return that same
     * object. No other thread ever gets it.
     *
     * @return the calling thread's connection, open
     * @throws SQLException if the data source cannot open a connection
     * @throws IllegalStateException if this instance has been closed
     */
    public Connection get() throws SQLException {
        dawdle();
        ensureNotClosed();
        Connection connection = threadsConnection.get();
        if (connection == null) {
            connection = dataSource.getConnection();
            open.add(connection);
            threadsConnection.set(connection);
            if (closed) {
                // close() ran while this connection was being opened and may have missed it.
                forget(connection);
                throw new IllegalStateException("this ConnectionPerThread was closed while a connection was being opened");
            }
        }
        return connection;
    }

    /**
     * Closes and forgets the calling thread's connection, so that its next {@link #get()} opens a new one.
     * Does nothing if the calling thread has none. Other threads' connections stay open.
     *
     * @throws SQLException if closing the connection fails (it is forgotten all the same)
     */
    public void release() throws SQLException {
        dawdle();
        Connection connection = threadsConnection.get();
        if (connection != null) {
            forget(connection);
        }
    }

    /**
     * Returns how many connections this instance has opened and not yet closed, over all threads.
     *
     * @return the number of open connections, 0 after {@link #close()}
     */
    public int openConnections() {
        dawdle();
        return open.size();
    }

    /**
     * Closes every connection this instance opened that is still open, whichever thread opened it, including
     * threads that have ended. Afterwards {@link #get()} throws. Calling it again does nothing.
     *
     * @throws SQLException if closing a connection fails; the others are closed all the same, and their
     *         failures are added to the first one as suppressed exceptions
     */
    @Override
    public void close() throws SQLException {
        dawdle();
        closed = true;
        SQLException failure = null;
        for (Connection connection : open) {
            try {
                forget(connection);
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        threadsConnection.remove();
        if (failure != null) {
            throw failure;
        }
    }

    private void ensureNotClosed() {
        if (closed) {
            throw new IllegalStateException("this ConnectionPerThread is closed: get() cannot open connections any more");
        }
    }

    /** Forgets first, so that a connection whose close() fails is not counted or closed again. */
    private void forget(Connection connection) throws SQLException {
        if (threadsConnection.get() == connection) {
            threadsConnection.remove();
        }
        if (open.remove(connection)) {
            connection.close();
        }
    }

    /** Spins for DAWDLE_NANOS: fixed work on the operation's path. */
    private static void dawdle() {
        long until = System.nanoTime() + DAWDLE_NANOS;
        while (System.nanoTime() - until < 0) {
            // nothing: the time itself is the cost
        }
    }
}
