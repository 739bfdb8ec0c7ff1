package dev.streamwall.common.sink;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stream into PostgreSQL as batches of one idempotent upsert ({@code INSERT ... ON
 * CONFLICT} on a deterministic key), at least once: every buffered row is written before a
 * checkpoint completes, and a restart from that checkpoint rewrites the same rows instead of adding
 * new ones.
 *
 * <p>It rides out database outages: a batch that fails for a reason that can pass (connection lost,
 * server shutting down or starting, too many connections, a deadlock) is retried on a fresh
 * connection with a growing pause (100 ms doubling to 5 s) for up to {@link
 * JdbcSettings#retryFor()}; meanwhile the job is back-pressured and reads nothing more. The gauge
 * {@code jdbc_unavailable_ms} (how long the current outage has lasted, 0 when writing) and the
 * counter {@code jdbc_retries} show it. A batch the database refuses for its content or the schema
 * (SQL states 22, 23, 42, 28: bad data, constraint, unknown table or column, wrong credentials)
 * fails the job after three attempts with the database's message. {@link SinkWriter#close()} never
 * throws: the error that ended the run is the one reported.
 *
 * <p>Flink's {@code JdbcSink} (connector 4.0.0-2.0) is not used: its retry loop gives up at once
 * when it cannot reconnect, and its {@code close()} flushes again and throws, which took the
 * TaskManager down on a one-second database outage.
 *
 * <p>It keeps a committer with nothing to commit. The connector's sink had a committer operator
 * ({@code Sink Committer: <uid>}), and the savepoints of jobs deployed with it hold (empty) state
 * for that operator: a job restoring them must still have it, since every piece of state must find
 * its operator.
 */
public final class JdbcUpsertSink<T> implements Sink<T>, SupportsCommitter<Void> {
    private static final long serialVersionUID = 1L;

    private final JdbcSettings settings;
    private final String sql;
    private final RowBinder<T> binder;

    public JdbcUpsertSink(JdbcSettings settings, String sql, RowBinder<T> binder) {
        this.settings = settings;
        this.sql = sql;
        this.binder = binder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(this, context);
    }

    @Override
    public Committer<Void> createCommitter(CommitterInitContext context) {
        return new NothingToCommit();
    }

    @Override
    public SimpleVersionedSerializer<Void> getCommittableSerializer() {
        return new NoCommittables();
    }

    /** The committer kept for savepoint compatibility: rows are written before checkpoints. */
    private static final class NothingToCommit implements Committer<Void> {
        @Override
        public void commit(Collection<CommitRequest<Void>> requests) {}

        @Override
        public void close() {}
    }

    private static final class NoCommittables implements SimpleVersionedSerializer<Void> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Void nothing) {
            return new byte[0];
        }

        @Override
        public Void deserialize(int version, byte[] serialized) {
            return null;
        }
    }

    /** The SQL states (two-character classes) that no retry can fix. */
    private static final Set<String> PERMANENT = Set.of("22", "23", "42", "28", "0A");

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

    private static final class Writer<T> implements CommittingSinkWriter<T, Void> {
        private static final Logger LOG = LoggerFactory.getLogger(JdbcUpsertSink.class);
        private static final long FIRST_PAUSE_MS = 100;
        private static final long LONGEST_PAUSE_MS = 5_000;
        private static final int PERMANENT_ATTEMPTS = 3;

        private final JdbcSettings settings;
        private final String sql;
        private final RowBinder<T> binder;
        private final ProcessingTimeService time;
        private final TypeSerializer<T> copier;
        private final List<T> buffer = new ArrayList<>();
        private final Counter retries;
        private final Counter rowsOut;
        private volatile long unavailableSince;
        private ScheduledFuture<?> timer;
        private Connection connection;
        private PreparedStatement statement;

        Writer(JdbcUpsertSink<T> sink, WriterInitContext context) {
            this.settings = sink.settings;
            this.sql = sink.sql;
            this.binder = sink.binder;
            this.time = context.getProcessingTimeService();
            // Without object reuse every record handed over is the sink's own; with it, a copy.
            this.copier = context.isObjectReuseEnabled() ? context.createInputSerializer() : null;
            SinkWriterMetricGroup metrics = context.metricGroup();
            this.retries = metrics.counter("jdbc_retries");
            this.rowsOut = metrics.getNumRecordsSendCounter();
            metrics.gauge(
                    "jdbc_unavailable_ms",
                    () -> {
                        long since = unavailableSince;
                        return since == 0 ? 0L : System.currentTimeMillis() - since;
                    });
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            buffer.add(copier == null ? element : copier.copy(element));
            if (buffer.size() >= settings.batchSize()) {
                writeBuffer();
            } else if (timer == null) {
                long interval = settings.batchInterval().toMillis();
                timer =
                        time.registerTimer(
                                time.getCurrentProcessingTime() + interval,
                                at -> {
                                    timer = null;
                                    writeBuffer();
                                });
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writeBuffer();
        }

        @Override
        public Collection<Void> prepareCommit() {
            return List.of();
        }

        private void writeBuffer() throws IOException, InterruptedException {
            if (buffer.isEmpty()) {
                return;
            }
            long pause = FIRST_PAUSE_MS;
            for (int attempt = 1; ; attempt++) {
                try {
                    executeBatch();
                    rowsOut.inc(buffer.size());
                    buffer.clear();
                    if (unavailableSince != 0) {
                        LOG.info(
                                "{}: writing again after {} ms",
                                table(),
                                System.currentTimeMillis() - unavailableSince);
                        unavailableSince = 0;
                    }
                    return;
                } catch (SQLException | AssertionError e) {
                    closeConnection();
                    // The driver, run with -ea, asserts on a connection the server has just
                    // closed: that is a lost connection too.
                    giveUpOrWait(
                            e instanceof SQLException sql
                                    ? sql
                                    : new SQLException("connection lost: " + e, "08006", e),
                            attempt);
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
                }
            }
        }

        /** Throws when {@code e} cannot pass or the outage has lasted too long; else counts it. */
        private void giveUpOrWait(SQLException e, int attempt) throws IOException {
            long now = System.currentTimeMillis();
            if (!transientFailure(e)) {
                if (attempt >= PERMANENT_ATTEMPTS) {
                    throw new IOException(
                            "Writing "
                                    + buffer.size()
                                    + " rows to "
                                    + table()
                                    + " failed: "
                                    + message(e),
                            e);
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
            retries.inc();
        }

        private void executeBatch() throws SQLException {
            if (statement == null) {
                Properties properties = new Properties();
                properties.setProperty("user", settings.user());
                properties.setProperty("password", settings.password());
                // Defaults; the URL's own parameters win.
                properties.setProperty("connectTimeout", "10");
                properties.setProperty("socketTimeout", "300");
                properties.setProperty("tcpKeepAlive", "true");
                connection = new Driver().connect(settings.url(), properties);
                if (connection == null) {
                    throw new SQLException("not a PostgreSQL URL: " + settings.url(), "08001");
                }
                connection.setAutoCommit(true);
                statement = connection.prepareStatement(sql);
            }
            for (T row : buffer) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }

        private String table() {
            String rest = sql.substring(sql.toUpperCase().indexOf("INTO ") + 5).trim();
            return rest.split("[\\s(]", 2)[0];
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
        }

        /** Never throws: rows still buffered were not checkpointed and will be read again. */
        @Override
        public void close() {
            if (timer != null) {
                timer.cancel(false);
            }
            closeConnection();
        }
    }
}
