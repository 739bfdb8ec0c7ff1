package dev.streamwall.common.sink;

import dev.streamwall.common.options.JdbcSettings;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of rows to one table with its idempotent upsert, on one connection, each batch in
 * one transaction (all of it or none). A batch whose keys are all new, as nearly every batch is
 * outside a replay, is loaded straight into the table with {@code COPY} (an upsert of a new key is
 * an insert). Otherwise, when a key is already stored (the COPY fails with a unique violation and
 * is rolled back) or comes twice in the batch, the batch is loaded with {@code COPY} into a
 * temporary table of the session and upserted from there by {@code INSERT ... SELECT} with the
 * table's own {@code ON CONFLICT} rule; the next 20 batches go that way too, as a replay comes in
 * runs. Rows of a key that comes twice are applied in rounds (the first row of each key, then the
 * second...), so that the result is that of upserting the rows one by one. The rows go in COPY's
 * binary format when the table's column types allow (numbers and times neither formatted here nor
 * parsed by the server: {@link CopyInput}), else, or from the first value binary cannot store as
 * the statement would, in text.
 *
 * <p>It rides out database outages: a batch that fails for a reason that can pass (connection lost,
 * server shutting down or starting, too many connections, a deadlock) is retried on a fresh
 * connection with a growing pause (100 ms doubling to 5 s) for up to {@link
 * JdbcSettings#retryFor()}. A batch the database refuses for its content or the schema (SQL states
 * 22, 23, 42, 28, 0A: bad data, constraint, unknown table or column, wrong credentials,
 * unsupported) fails after three attempts with the database's message.
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

    /** After a batch met stored keys, how many batches go through the staging table. */
    private static final int STAGED_AFTER_CONFLICT = 20;

    private static final String UNIQUE_VIOLATION = "23505";

    /** The SQL states (two-character classes) that no retry can fix. */
    private static final Set<String> PERMANENT = Set.of("22", "23", "42", "28", "0A");

    private final JdbcSettings settings;
    private final Runnable onRetry;
    private volatile long unavailableSince;
    private final Upsert upsert;
    private final String stage;
    private final RowBinder<T> binder;

    /** The rows of a batch as COPY input: chosen for the table on each new connection. */
    private CopyInput<T> input;

    /** Once a value could not go in binary, the text format for good. */
    private boolean textOnly;

    private Connection connection;
    private CopyManager copy;
    private PreparedStatement applyAll;
    private PreparedStatement applyRound;
    private int stagedBatchesLeft;

    /**
     * @param onRetry called for each retry of a batch (a metric)
     */
    public UpsertWriter(
            JdbcSettings settings, String upsert, RowBinder<T> binder, Runnable onRetry) {
        this.settings = settings;
        this.onRetry = onRetry;
        this.upsert = Upsert.parse(upsert);
        this.stage = "streamwall_stage_" + this.upsert.table().replaceAll("\\W", "_");
        this.binder = binder;
    }

    /** How long the current outage has lasted, in ms; 0 while writing. */
    public long unavailableMs() {
        long since = unavailableSince;
        return since == 0 ? 0L : System.currentTimeMillis() - since;
    }

    /** The COPY format of the last batch: binary, text, or none before the first batch. */
    public String copyFormat() {
        CopyInput<T> in = input;
        return in == null ? "none" : in.format();
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
                            upsert.table(),
                            System.currentTimeMillis() - unavailableSince);
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
        long now = System.currentTimeMillis();
        if (!transientFailure(e)) {
            if (attempt >= PERMANENT_ATTEMPTS) {
                throw new IOException(
                        "Writing " + rows + " rows to " + upsert.table() + " failed: " + message(e),
                        e);
            }
        } else if (unavailableSince == 0) {
            unavailableSince = now;
            LOG.warn(
                    "{}: database unreachable ({}); retrying for up to {}",
                    upsert.table(),
                    message(e),
                    settings.retryFor());
        } else if (now - unavailableSince > settings.retryFor().toMillis()) {
            throw new IOException(
                    "The database was unreachable for longer than "
                            + settings.retryFor()
                            + " (--jdbc-retry-for) while writing "
                            + upsert.table()
                            + ": "
                            + message(e),
                    e);
        }
        onRetry.run();
    }

    private void executeBatch(List<T> rows) throws SQLException {
        if (connection == null) {
            connection = connect(settings);
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                // The batch's rows land here first: a table of the session, emptied at each
                // commit, with the target's column types and no constraints.
                s.execute(
                        "CREATE TEMP TABLE IF NOT EXISTS "
                                + stage
                                + " ON COMMIT DELETE ROWS AS SELECT "
                                + upsert.columnList()
                                + ", 0 AS streamwall_round FROM "
                                + upsert.table()
                                + " WITH NO DATA");
            }
            CopyInput<T> chosen =
                    textOnly
                            ? new CopyRows<>(upsert, binder)
                            : CopyInput.of(connection, upsert, binder);
            if (input == null) {
                LOG.info(
                        "{}: batches of up to {} rows loaded by COPY in {} format",
                        upsert.table(),
                        settings.batchSize(),
                        chosen.format());
            }
            input = chosen;
            connection.commit();
            copy = connection.unwrap(PGConnection.class).getCopyAPI();
            applyAll = connection.prepareStatement(apply(""));
            applyRound = connection.prepareStatement(apply(" WHERE streamwall_round = ?"));
        }
        fill(rows);
        if (input.rounds() == 1 && stagedBatchesLeft == 0) {
            // Rows with new keys, as nearly all are outside a replay, go straight in: an upsert
            // of a new key is an insert. A key already stored fails the whole COPY.
            try {
                input.copyInto(copy, upsert.table(), upsert.columnList(), false);
                connection.commit();
                return;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback();
                stagedBatchesLeft = STAGED_AFTER_CONFLICT;
            }
        } else if (stagedBatchesLeft > 0) {
            stagedBatchesLeft--;
        }
        input.copyInto(copy, stage, upsert.columnList() + ", streamwall_round", true);
        int rounds = input.rounds();
        if (rounds <= 1) {
            applyAll.executeUpdate();
        } else {
            for (int round = 1; round <= rounds; round++) {
                applyRound.setInt(1, round);
                applyRound.executeUpdate();
            }
        }
        connection.commit();
    }

    /** Puts {@code rows} into the COPY input, in text from now on if binary cannot take them. */
    private void fill(List<T> rows) throws SQLException {
        input.clear();
        try {
            for (T r : rows) {
                input.add(r);
            }
        } catch (CopyInput.NotInThisFormat e) {
            LOG.info("{}: {}; COPY in text format from now on", upsert.table(), e.getMessage());
            textOnly = true;
            input = new CopyRows<>(upsert, binder);
            for (T r : rows) {
                input.add(r);
            }
        }
    }

    /** The upsert of the staged rows (those {@code where} selects), by the table's own rule. */
    private String apply(String where) {
        return "INSERT INTO "
                + upsert.table()
                + " ("
                + upsert.columnList()
                + ") SELECT "
                + upsert.columnList()
                + " FROM "
                + stage
                + where
                + " "
                + upsert.onConflict();
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
        copy = null;
        applyAll = null;
        applyRound = null;
    }

    /** Never throws. */
    @Override
    public void close() {
        closeConnection();
    }
}
