package dev.streamwall.common.sink;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of rows to one table with its idempotent upsert, on one connection, and rides out
 * database outages: a batch that fails for a reason that can pass (connection lost, server shutting
 * down or starting, too many connections, a deadlock) is retried on a fresh connection with a
 * growing pause (100 ms doubling to 5 s) for up to {@link JdbcSettings#retryFor()}. A batch the
 * database refuses for its content or the schema (SQL states 22, 23, 42, 28, 0A: bad data,
 * constraint, unknown table or column, wrong credentials, unsupported) fails after three attempts
 * with the database's message.
 *
 * <p>Plain Java, without Flink: {@link JdbcUpsertSink} buffers a stream into it, and the benchmark
 * times it on its own.
 *
 * @param <T> the record type
 */
public final class UpsertWriter<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpsertWriter.class);
    private static final long FIRST_PAUSE_MS = 100;
    private static final long LONGEST_PAUSE_MS = 5_000;
    private static final int PERMANENT_ATTEMPTS = 3;

    /** The SQL states (two-character classes) that no retry can fix. */
    private static final Set<String> PERMANENT = Set.of("22", "23", "42", "28", "0A");

    private final JdbcSettings settings;
    private final String sql;
    private final RowBinder<T> binder;
    private final Runnable onRetry;
    private final LongSupplier clock;
    private volatile long unavailableSince;
    private Connection connection;
    private PreparedStatement statement;
    private StatementRow row;

    /**
     * @param onRetry called for each retry of a batch (a metric)
     */
    public UpsertWriter(
            JdbcSettings settings, String upsert, RowBinder<T> binder, Runnable onRetry) {
        this.settings = settings;
        this.sql = upsert;
        this.binder = binder;
        this.onRetry = onRetry;
        this.clock = System::currentTimeMillis;
    }

    /** How long the current outage has lasted, in ms; 0 while writing. */
    public long unavailableMs() {
        long since = unavailableSince;
        return since == 0 ? 0L : clock.getAsLong() - since;
    }

    /** Writes {@code rows}, retrying as above; returns once they are in the database. */
    public void write(List<T> rows) throws IOException, InterruptedException {
        if (rows.isEmpty()) {
            return;
        }
        long pause = FIRST_PAUSE_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                executeBatch(rows);
                if (unavailableSince != 0) {
                    LOG.info(
                            "{}: writing again after {} ms",
                            table(),
                            clock.getAsLong() - unavailableSince);
                    unavailableSince = 0;
                }
                return;
            } catch (SQLException | AssertionError e) {
                closeConnection();
                // The driver, run with -ea, asserts on a connection the server has just closed:
                // that is a lost connection too.
                giveUpOrWait(
                        e instanceof SQLException sql
                                ? sql
                                : new SQLException("connection lost: " + e, "08006", e),
                        rows.size(),
                        attempt);
                Thread.sleep(pause);
                pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
            }
        }
    }

    /** Throws when {@code e} cannot pass or the outage has lasted too long; else counts it. */
    private void giveUpOrWait(SQLException e, int rows, int attempt) throws IOException {
        long now = clock.getAsLong();
        if (!transientFailure(e)) {
            if (attempt >= PERMANENT_ATTEMPTS) {
                throw new IOException(
                        "Writing " + rows + " rows to " + table() + " failed: " + message(e), e);
            }
        } else if (unavailableSince == 0) {
            unavailableSince = now;
            LOG.warn(
                    "{}: database unreachable ({}); retrying for up to {}",
                    table(),
                    message(e),
                    settings.retryFor());
        } else if (now - unavailableSince > settings.retryFor().toMillis()) {
            throw new IOException(
                    "The database was unreachable for longer than "
                            + settings.retryFor()
                            + " (--jdbc-retry-for) while writing "
                            + table()
                            + ": "
                            + message(e),
                    e);
        }
        onRetry.run();
    }

    private void executeBatch(List<T> rows) throws SQLException {
        if (statement == null) {
            connection = connect(settings);
            connection.setAutoCommit(true);
            statement = connection.prepareStatement(sql);
            row = new StatementRow(statement);
        }
        for (T r : rows) {
            binder.bind(row, r);
            statement.addBatch();
        }
        statement.executeBatch();
    }

    /** A connection to {@code settings}' database, with timeouts the URL can override. */
    static Connection connect(JdbcSettings settings) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        // Defaults; the URL's own parameters win.
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "300");
        properties.setProperty("tcpKeepAlive", "true");
        Connection c = new Driver().connect(settings.url(), properties);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + settings.url(), "08001");
        }
        return c;
    }

    /** The table the upsert writes. */
    String table() {
        String rest = sql.substring(sql.toUpperCase().indexOf("INTO ") + 5).trim();
        return rest.split("[\\s(]", 2)[0];
    }

    /** Whether retrying {@code e} on a fresh connection may succeed. */
    static boolean transientFailure(SQLException e) {
        String state = e.getSQLState();
        if (state == null && e.getNextException() != null) {
            state = e.getNextException().getSQLState();
        }
        return state == null || state.length() < 2 || !PERMANENT.contains(state.substring(0, 2));
    }

    /** The database's own message: for a batch, the first failed statement's. */
    static String message(SQLException e) {
        SQLException cause =
                e instanceof BatchUpdateException && e.getNextException() != null
                        ? e.getNextException()
                        : e;
        String text = String.valueOf(cause.getMessage());
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)) + " (SQL state " + cause.getSQLState() + ")";
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("closing a broken connection", e);
        }
        connection = null;
        statement = null;
        row = null;
    }

    /** Never throws. */
    @Override
    public void close() {
        closeConnection();
    }

    /** A binder's row as a prepared statement's parameters. */
    private record StatementRow(PreparedStatement ps) implements SqlRow {
        @Override
        public void setString(int i, String v) throws SQLException {
            ps.setString(i, v);
        }

        @Override
        public void setShort(int i, short v) throws SQLException {
            ps.setShort(i, v);
        }

        @Override
        public void setInt(int i, int v) throws SQLException {
            ps.setInt(i, v);
        }

        @Override
        public void setLong(int i, long v) throws SQLException {
            ps.setLong(i, v);
        }

        @Override
        public void setFloat(int i, float v) throws SQLException {
            ps.setFloat(i, v);
        }

        @Override
        public void setDouble(int i, double v) throws SQLException {
            ps.setDouble(i, v);
        }

        @Override
        public void setBoolean(int i, boolean v) throws SQLException {
            ps.setBoolean(i, v);
        }

        @Override
        public void setObject(int i, Object v) throws SQLException {
            ps.setObject(i, v);
        }

        @Override
        public void setNull(int i, int sqlType) throws SQLException {
            ps.setNull(i, sqlType);
        }
    }
}
