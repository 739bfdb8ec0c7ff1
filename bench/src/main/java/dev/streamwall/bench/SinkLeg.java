package dev.streamwall.bench;

import dev.streamwall.common.db.Migrations;
import dev.streamwall.common.options.JdbcSettings;
import dev.streamwall.common.sink.CopyInput;
import dev.streamwall.common.sink.RowBinder;
import dev.streamwall.common.sink.SqlRow;
import dev.streamwall.common.sink.Table;
import dev.streamwall.common.sink.Upsert;
import dev.streamwall.common.sink.UpsertWriter;
import dev.streamwall.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * The sink leg: rows/s of each table's writer ({@link UpsertWriter}, in the batches the job's sink
 * hands it) against {@code COPY} of the same rows into the same, emptied table, in the same
 * database, one after the other. The rows are a job's own output, repeated under new keys (a suffix
 * on a text column of the key) until there are enough to time.
 */
final class SinkLeg implements AutoCloseable {

    /** One table's rows, as the job produced them. */
    record Rows<T>(Table<T> table, List<T> rows) {}

    private final EmbeddedPostgres server;
    private final String url;
    private final String user;
    private final String password;
    private int repeats = 1;

    private SinkLeg(EmbeddedPostgres server, String url, String user, String password) {
        this.server = server;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * The schema in {@code jdbcUrl} (migrated first), or in a database of an embedded PostgreSQL
     * when it is null.
     */
    static SinkLeg open(String jdbcUrl, String user, String password) {
        if (jdbcUrl != null) {
            Migrations.migrate(jdbcUrl, user, password);
            return new SinkLeg(null, jdbcUrl, user, password);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.start();
        String url = pg.createDatabase("bench");
        Migrations.migrate(url, pg.user(), pg.password());
        return new SinkLeg(pg, url, pg.user(), pg.password());
    }

    /** Times each table this many times, each way, alternating; the median run counts. */
    SinkLeg repeats(int n) {
        this.repeats = n;
        return this;
    }

    String where() {
        return server == null ? url : "an embedded PostgreSQL (" + server.dataDirectory() + ")";
    }

    /** Times the writer and COPY on each table's rows, each repeated up to {@code target}. */
    List<Measurement> run(String job, List<Rows<?>> tables, int target, PrintWriter log)
            throws Exception {
        List<Measurement> out = new ArrayList<>();
        for (Rows<?> t : tables) {
            if (t.rows().isEmpty()) {
                log.println("  sink      " + t.table().name() + ": no rows in this run, not timed");
            } else {
                out.addAll(measure(job, t, target));
            }
        }
        return out;
    }

    private <T> List<Measurement> measure(String job, Rows<T> t, int target) throws Exception {
        Upsert upsert = Upsert.parse(t.table().upsert());
        List<Replica<T>> rows = replicas(upsert, t, target);
        Table<Replica<T>> table =
                new Table<>(
                        t.table().name(),
                        t.table().upsert(),
                        Replica.binder(t.table().binder(), textKey(upsert, t)));

        List<Measurement> written = new ArrayList<>();
        List<Measurement> copied = new ArrayList<>();
        for (int run = 0; run < repeats; run++) {
            written.add(writer(job, t.table().name(), upsert, table, rows));
            copied.add(copy(job, t.table().name(), upsert, table, rows));
        }
        return List.of(median(written), median(copied));
    }

    /** The run of median speed: the machine is shared, and one run in three can be slow. */
    private static Measurement median(List<Measurement> runs) {
        List<Measurement> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Measurement::eventsPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    /** The table's writer, in the batches the job's sink hands it, into the emptied table. */
    private <T> Measurement writer(
            String job, String name, Upsert upsert, Table<Replica<T>> table, List<Replica<T>> rows)
            throws Exception {
        truncate(upsert.table());
        JdbcSettings settings =
                new JdbcSettings(
                        url,
                        user,
                        password,
                        Integer.parseInt(JdbcSettings.DEFAULT_BATCH_ROWS),
                        Duration.ofMillis(500),
                        JdbcSettings.DEFAULT_RETRY_FOR);
        ProcessClock clock = new ProcessClock();
        try (UpsertWriter<Replica<T>> w =
                new UpsertWriter<>(settings, table.upsert(), table.binder(), () -> {})) {
            for (int i = 0; i < rows.size(); i += settings.batchSize()) {
                w.write(rows.subList(i, Math.min(rows.size(), i + settings.batchSize())));
            }
        }
        return measurement(job, name + "/writer", rows.size(), clock, upsert);
    }

    /**
     * The same rows as one COPY (encoding them included, in the format the writer takes for the
     * table) into the emptied table.
     */
    private <T> Measurement copy(
            String job, String name, Upsert upsert, Table<Replica<T>> table, List<Replica<T>> rows)
            throws Exception {
        truncate(upsert.table());
        ProcessClock clock = new ProcessClock();
        try (Connection c = connect()) {
            CopyInput<Replica<T>> input = CopyInput.of(c, upsert, table.binder());
            for (Replica<T> r : rows) {
                input.add(r);
            }
            input.copyInto(
                    c.unwrap(PGConnection.class).getCopyAPI(),
                    upsert.table(),
                    upsert.columnList(),
                    false);
        }
        return measurement(job, name + "/copy", rows.size(), clock, upsert);
    }

    private Measurement measurement(
            String job, String variant, int rows, ProcessClock clock, Upsert upsert)
            throws SQLException {
        double wall = clock.wallSeconds();
        double cpu = clock.cpuSeconds();
        long stored = count(upsert.table());
        if (stored != rows) {
            throw new IllegalStateException(
                    variant + ": " + rows + " distinct rows written, " + stored + " stored");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows", stored);
        return new Measurement(
                job, "sink", variant, rows, wall, cpu, 0, counts, Map.of(), Map.of());
    }

    /**
     * The rows, without repeats of a key (the first of each kept, as COPY takes each key once),
     * then again under new keys until there are {@code target}.
     */
    private static <T> List<Replica<T>> replicas(Upsert upsert, Rows<T> t, int target)
            throws SQLException {
        List<T> distinct = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (T r : t.rows()) {
            Captured c = Captured.of(upsert, t.table().binder(), r);
            if (keys.add(c.key(upsert.keyPositions()))) {
                distinct.add(r);
            }
        }
        if (distinct.isEmpty()) {
            throw new IllegalStateException(t.table().name() + ": the job produced no rows");
        }
        List<Replica<T>> out = new ArrayList<>(target);
        for (int copy = 0; out.size() < target; copy++) {
            for (T r : distinct) {
                if (out.size() == target) {
                    break;
                }
                out.add(new Replica<>(r, copy));
            }
        }
        return out;
    }

    /** The placeholder (from 1) of the first key column the binder fills with text. */
    private static <T> int textKey(Upsert upsert, Rows<T> t) throws SQLException {
        Captured c = Captured.of(upsert, t.table().binder(), t.rows().get(0));
        for (int p : upsert.keyPositions()) {
            if (c.text[p]) {
                return p + 1;
            }
        }
        throw new IllegalStateException(
                t.table().name() + ": no text column in the key " + upsert.key());
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    /** The database's JDBC URL and user. */
    String url() {
        return url;
    }

    String user() {
        return user;
    }

    /** Empties {@code tables}. */
    void truncate(String... tables) throws SQLException {
        for (String t : tables) {
            truncate(t);
        }
    }

    private void truncate(String table) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + table);
            s.execute("VACUUM ANALYZE " + table);
        }
    }

    long count(String table) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** A row of the job's output, as it is ({@code copy} 0) or under a new key. */
    record Replica<T>(T row, int copy) {

        /** Binds the row, with {@code "~copy"} after the value of text placeholder {@code key}. */
        static <T> RowBinder<Replica<T>> binder(RowBinder<T> inner, int key) {
            return (statement, r) ->
                    inner.bind(
                            r.copy == 0 ? statement : new Suffixed(statement, key, "~" + r.copy),
                            r.row);
        }
    }

    /** A row whose text placeholder {@code key} gets {@code suffix}. */
    private record Suffixed(SqlRow row, int key, String suffix) implements SqlRow {
        @Override
        public void setString(int i, String v) throws SQLException {
            row.setString(i, i == key && v != null ? v + suffix : v);
        }

        @Override
        public void setShort(int i, short v) throws SQLException {
            row.setShort(i, v);
        }

        @Override
        public void setInt(int i, int v) throws SQLException {
            row.setInt(i, v);
        }

        @Override
        public void setLong(int i, long v) throws SQLException {
            row.setLong(i, v);
        }

        @Override
        public void setFloat(int i, float v) throws SQLException {
            row.setFloat(i, v);
        }

        @Override
        public void setDouble(int i, double v) throws SQLException {
            row.setDouble(i, v);
        }

        @Override
        public void setBoolean(int i, boolean v) throws SQLException {
            row.setBoolean(i, v);
        }

        @Override
        public void setObject(int i, Object v) throws SQLException {
            row.setObject(i, v);
        }

        @Override
        public void setNull(int i, int sqlType) throws SQLException {
            row.setNull(i, sqlType);
        }
    }

    /** The values a binder sets for one row, and which of them are text. */
    private static final class Captured implements SqlRow {
        final String[] values;
        final boolean[] text;

        private Captured(int n) {
            values = new String[n];
            text = new boolean[n];
        }

        static <T> Captured of(Upsert upsert, RowBinder<T> binder, T row) throws SQLException {
            Captured c = new Captured(upsert.columns().size());
            binder.bind(c, row);
            return c;
        }

        String key(int[] positions) {
            StringBuilder k = new StringBuilder();
            for (int p : positions) {
                k.append(values[p]).append('\u0001');
            }
            return k.toString();
        }

        @Override
        public void setString(int i, String v) {
            values[i - 1] = v;
            text[i - 1] = true;
        }

        @Override
        public void setShort(int i, short v) {
            values[i - 1] = Short.toString(v);
        }

        @Override
        public void setInt(int i, int v) {
            values[i - 1] = Integer.toString(v);
        }

        @Override
        public void setLong(int i, long v) {
            values[i - 1] = Long.toString(v);
        }

        @Override
        public void setFloat(int i, float v) {
            values[i - 1] = Float.toString(v);
        }

        @Override
        public void setDouble(int i, double v) {
            values[i - 1] = Double.toString(v);
        }

        @Override
        public void setBoolean(int i, boolean v) {
            values[i - 1] = Boolean.toString(v);
        }

        @Override
        public void setObject(int i, Object v) {
            values[i - 1] = String.valueOf(v);
        }

        @Override
        public void setNull(int i, int sqlType) {
            values[i - 1] = null;
        }
    }
}
