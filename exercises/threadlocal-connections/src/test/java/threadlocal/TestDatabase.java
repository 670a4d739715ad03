package threadlocal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * A real database for one test: an H2 database in memory, under a name no other test uses, and a data source
 * for the code under test that remembers every connection it handed out, so that a test can check which of
 * them are still open. {@link #close()} shuts the database down, closing whatever is left open.
 */
final class TestDatabase implements AutoCloseable {

    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private final String name;
    private final JdbcDataSource h2;
    private final TrackingDataSource dataSource;

    private TestDatabase(String name) {
        this.name = name;
        this.h2 = new JdbcDataSource();
        // DB_CLOSE_DELAY=-1: the database lives until SHUTDOWN, not only while some connection is open.
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("");
        this.dataSource = new TrackingDataSource(h2);
    }

    /** A new, empty database whose name starts with {@code label}. */
    static TestDatabase create(String label) {
        return new TestDatabase(label + "-" + NEXT_ID.incrementAndGet());
    }

    String name() {
        return name;
    }

    /** The data source to give the code under test. */
    TrackingDataSource dataSource() {
        return dataSource;
    }

    /** Runs SQL statements on a connection of the test's own, not one the code under test opened. */
    void execute(String... statements) throws SQLException {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** How many sessions the database has open, apart from the one this method opens to ask. */
    int openSessions() throws SQLException {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            result.next();
            return result.getInt(1) - 1;
        }
    }

    /** Shuts the database down: every session still open is closed, and the data is gone. */
    @Override
    public void close() throws SQLException {
        execute("SHUTDOWN");
    }

    /** Counts the rows of a table, on the given connection (and so within its transaction). */
    static int countRows(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getInt(1);
        }
    }

    /** True if the connection answers a query, which a closed connection cannot. */
    static boolean works(Connection connection) {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT 1")) {
            return result.next() && result.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A data source that hands out H2's connections unchanged and remembers each one. */
    static final class TrackingDataSource implements DataSource {

        private final JdbcDataSource target;
        private final List<Connection> handedOut = new ArrayList<>();

        TrackingDataSource(JdbcDataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = target.getConnection();
            synchronized (handedOut) {
                handedOut.add(connection);
            }
            return connection;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        /** Every connection handed out so far, in order. */
        List<Connection> handedOut() {
            synchronized (handedOut) {
                return List.copyOf(handedOut);
            }
        }

        /** How many connections were handed out so far. */
        int handedOutCount() {
            synchronized (handedOut) {
                return handedOut.size();
            }
        }

        /** The connections handed out that are not closed. */
        List<Connection> stillOpen() throws SQLException {
            List<Connection> open = new ArrayList<>();
            for (Connection connection : handedOut()) {
                if (!connection.isClosed()) {
                    open.add(connection);
                }
            }
            return open;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
