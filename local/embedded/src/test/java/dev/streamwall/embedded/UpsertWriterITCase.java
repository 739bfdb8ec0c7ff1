package dev.streamwall.embedded;

import static dev.streamwall.common.sink.SqlRows.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.options.JdbcSettings;
import dev.streamwall.common.sink.RowBinder;
import dev.streamwall.common.sink.SqlRow;
import dev.streamwall.common.sink.SqlRows;
import dev.streamwall.common.sink.UpsertWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batch writer behind every JDBC sink, on a real PostgreSQL: whatever the batches hold (new
 * keys, keys already stored, a key several times in one batch, awkward text and numbers), the table
 * ends up exactly as upserting the same rows one by one with a prepared statement leaves it.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class UpsertWriterITCase {

    /** A row like an alert's: a lifecycle keyed by id and start, merged on conflict. */
    record Row(
            String id,
            long ts,
            String note,
            double x,
            Double y,
            boolean flag,
            long end,
            String status) {}

    private static final String COLUMNS =
            "(id text, ts timestamptz, note text, x real, y double precision, flag boolean,"
                    + " end_ts timestamptz, status text, PRIMARY KEY (id, ts))";

    private static String mergeUpsert(String table) {
        return "INSERT INTO "
                + table
                + " (id, ts, note, x, y, flag, end_ts, status) VALUES (?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (id, ts) DO UPDATE SET note = EXCLUDED.note, x = EXCLUDED.x,"
                + " y = EXCLUDED.y, flag = EXCLUDED.flag,"
                + " end_ts = GREATEST("
                + table
                + ".end_ts, EXCLUDED.end_ts),"
                + " status = CASE WHEN "
                + table
                + ".status = 'CLOSED' AND "
                + table
                + ".end_ts >= EXCLUDED.end_ts THEN 'CLOSED' ELSE EXCLUDED.status END";
    }

    private static String keepFirstUpsert(String table) {
        return "INSERT INTO "
                + table
                + " (id, ts, note, x, y, flag, end_ts, status) VALUES (?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (id, ts) DO NOTHING";
    }

    private static final RowBinder<Row> BINDER =
            (ps, r) -> {
                ps.setString(1, r.id());
                ps.setObject(2, time(r.ts()));
                ps.setString(3, r.note());
                SqlRows.setReal(ps, 4, r.x());
                SqlRows.setDouble(ps, 5, r.y());
                ps.setBoolean(6, r.flag());
                ps.setObject(7, time(r.end()));
                ps.setString(8, r.status());
            };

    private static final String[] NOTES = {
        "plain",
        "tab\there",
        "new\nline",
        "carriage\rreturn",
        "back\\slash \\N",
        "Pérez 🏎 – ünïcödé",
        "",
        null,
        "\\.",
        "quote ' and \" both"
    };

    private static final double[] NUMBERS = {
        0.1, -0.0, 1e-300, 1.7976931348623157e308, Double.NaN, 3.4028235e38, 123456.789, -42
    };

    /** Rows over few keys, so that batches repeat keys within and across themselves. */
    private static List<Row> rows(int n, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int key = random.nextInt(n / 3);
            rows.add(
                    new Row(
                            "alert-" + key,
                            1_780_000_000_123L + key % 7 * 1_000L,
                            NOTES[random.nextInt(NOTES.length)],
                            NUMBERS[random.nextInt(NUMBERS.length)],
                            random.nextInt(4) == 0 ? null : NUMBERS[random.nextInt(NUMBERS.length)],
                            random.nextBoolean(),
                            1_780_000_000_123L + random.nextInt(100_000),
                            random.nextInt(3) == 0 ? "CLOSED" : "OPEN"));
        }
        return rows;
    }

    private static JdbcSettings settings(String url) {
        return JdbcSettings.of(url, EmbeddedPostgres.SUPERUSER, "");
    }

    /** The reference: each row upserted on its own by a prepared statement. */
    private static void oneByOne(String url, String upsert, List<Row> rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps = c.prepareStatement(upsert)) {
            SqlRow row = new StatementRow(ps);
            for (Row r : rows) {
                BINDER.bind(row, r);
                ps.executeUpdate();
            }
        }
    }

    private static void write(String url, String upsert, List<List<Row>> batches) throws Exception {
        try (UpsertWriter<Row> writer =
                new UpsertWriter<>(settings(url), upsert, BINDER, () -> {})) {
            for (List<Row> batch : batches) {
                writer.write(batch);
            }
        }
    }

    private static long differences(String url, String a, String b) throws SQLException {
        return DbQueries.count(
                url,
                "SELECT count(*) FROM ((SELECT * FROM "
                        + a
                        + " EXCEPT ALL SELECT * FROM "
                        + b
                        + ") UNION ALL (SELECT * FROM "
                        + b
                        + " EXCEPT ALL SELECT * FROM "
                        + a
                        + ")) d");
    }

    /** Batches of 40, then a replay of the middle third, then a batch of new and old keys. */
    private static List<List<Row>> batches(List<Row> rows) {
        List<List<Row>> batches = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += 40) {
            batches.add(rows.subList(i, Math.min(rows.size(), i + 40)));
        }
        batches.add(rows.subList(rows.size() / 3, 2 * rows.size() / 3));
        List<Row> mixed = new ArrayList<>(rows(30, 99));
        mixed.addAll(rows.subList(0, 10));
        batches.add(mixed);
        return batches;
    }

    private static List<Row> flatten(List<List<Row>> batches) {
        List<Row> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    @Test
    void mergingUpsertsEndAsRowByRowUpsertsEnd(EmbeddedInfra infra) throws Exception {
        String url = infra.freshDatabase();
        DbQueries.execute(url, "CREATE TABLE written " + COLUMNS);
        DbQueries.execute(url, "CREATE TABLE expected " + COLUMNS);
        List<List<Row>> batches = batches(rows(600, 7));

        write(url, mergeUpsert("written"), batches);
        oneByOne(url, mergeUpsert("expected"), flatten(batches));

        assertThat(DbQueries.count(url, "SELECT count(*) FROM expected"))
                .as("keys repeat, so there are fewer rows than writes")
                .isBetween(150L, 300L);
        assertThat(DbQueries.count(url, "SELECT count(*) FROM written WHERE note LIKE '%\t%'"))
                .isPositive();
        assertThat(differences(url, "written", "expected")).isZero();
    }

    @Test
    void keepFirstUpsertsEndAsRowByRowUpsertsEnd(EmbeddedInfra infra) throws Exception {
        String url = infra.freshDatabase();
        DbQueries.execute(url, "CREATE TABLE written " + COLUMNS);
        DbQueries.execute(url, "CREATE TABLE expected " + COLUMNS);
        List<List<Row>> batches = batches(rows(600, 11));

        write(url, keepFirstUpsert("written"), batches);
        oneByOne(url, keepFirstUpsert("expected"), flatten(batches));

        assertThat(differences(url, "written", "expected")).isZero();
    }

    @Test
    void newKeysGoStraightInAndAReplayChangesNothing(EmbeddedInfra infra) throws Exception {
        String url = infra.freshDatabase();
        DbQueries.execute(url, "CREATE TABLE written " + COLUMNS);
        List<Row> distinct = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            distinct.add(
                    new Row(
                            "a" + i,
                            1_780_000_000_000L + i,
                            "n" + i,
                            i,
                            (double) i,
                            true,
                            0,
                            "OPEN"));
        }
        write(
                url,
                mergeUpsert("written"),
                List.of(distinct.subList(0, 250), distinct.subList(250, 500)));
        String before = DbQueries.fingerprint(url, "written", "id");
        write(url, mergeUpsert("written"), List.of(distinct, distinct.subList(100, 200)));

        assertThat(DbQueries.count(url, "SELECT count(*) FROM written")).isEqualTo(500);
        assertThat(DbQueries.fingerprint(url, "written", "id")).isEqualTo(before);
    }

    /** A row with a value of each column type the binary format writes, or NULL. */
    record Typed(
            String id,
            short n,
            Integer i,
            Long l,
            Float r,
            Double d,
            Boolean b,
            String t,
            OffsetDateTime ts) {}

    private static final String TYPED_COLUMNS =
            "(id text, n smallint, i integer, l bigint, r real, d double precision, b boolean,"
                    + " t text, ts timestamptz, PRIMARY KEY (id, n))";

    private static String typedUpsert(String table) {
        return "INSERT INTO "
                + table
                + " (id, n, i, l, r, d, b, t, ts) VALUES (?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (id, n) DO UPDATE SET i = EXCLUDED.i, l = EXCLUDED.l,"
                + " r = EXCLUDED.r, d = EXCLUDED.d, b = EXCLUDED.b, t = EXCLUDED.t,"
                + " ts = EXCLUDED.ts";
    }

    /** A setter of the row for one type of value. */
    private interface Setter<V> {
        void set(SqlRow ps, int i, V v) throws SQLException;
    }

    private static <V> void setOrNull(SqlRow ps, int i, V v, int sqlType, Setter<V> setter)
            throws SQLException {
        if (v == null) {
            ps.setNull(i, sqlType);
        } else {
            setter.set(ps, i, v);
        }
    }

    private static final RowBinder<Typed> TYPED_BINDER =
            (ps, r) -> {
                ps.setString(1, r.id());
                ps.setShort(2, r.n());
                setOrNull(ps, 3, r.i(), Types.INTEGER, SqlRow::setInt);
                setOrNull(ps, 4, r.l(), Types.BIGINT, SqlRow::setLong);
                setOrNull(ps, 5, r.r(), Types.REAL, SqlRow::setFloat);
                setOrNull(ps, 6, r.d(), Types.DOUBLE, SqlRow::setDouble);
                setOrNull(ps, 7, r.b(), Types.BOOLEAN, SqlRow::setBoolean);
                ps.setString(8, r.t());
                ps.setObject(9, r.ts());
            };

    private static final float[] FLOATS = {
        0.1f,
        -0.0f,
        Float.MIN_VALUE,
        Float.MAX_VALUE,
        Float.NaN,
        Float.POSITIVE_INFINITY,
        1e-30f,
        -7
    };

    private static final double[] DOUBLES = {
        0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY, 1e300
    };

    private static final long[] LONGS = {
        0, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 40
    };

    private static final OffsetDateTime[] TIMES = {
        OffsetDateTime.of(2026, 12, 4, 23, 59, 59, 123_456_000, ZoneOffset.UTC),
        OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.ofHours(-7)),
        OffsetDateTime.of(1969, 7, 20, 20, 17, 40, 1_000, ZoneOffset.ofHoursMinutes(5, 30)),
        OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
    };

    /** Rows over few keys, with every awkward value of each type, some of them NULL. */
    private static List<Typed> typedRows(int n, long seed) {
        Random random = new Random(seed);
        List<Typed> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int key = random.nextInt(n / 3);
            boolean nulls = random.nextInt(5) == 0;
            long l = LONGS[random.nextInt(LONGS.length)];
            rows.add(
                    new Typed(
                            "k" + key % 13,
                            (short) (key % 2 == 0 ? key : -key),
                            nulls ? null : (int) l,
                            nulls ? null : l,
                            nulls ? null : FLOATS[random.nextInt(FLOATS.length)],
                            nulls ? null : DOUBLES[random.nextInt(DOUBLES.length)],
                            nulls ? null : random.nextBoolean(),
                            nulls ? null : NOTES[random.nextInt(NOTES.length)],
                            nulls ? null : TIMES[random.nextInt(TIMES.length)]));
        }
        return rows;
    }

    private static String typedWrite(
            String url, String upsert, RowBinder<Typed> binder, List<List<Typed>> batches)
            throws Exception {
        try (UpsertWriter<Typed> writer =
                new UpsertWriter<>(settings(url), upsert, binder, () -> {})) {
            for (List<Typed> batch : batches) {
                writer.write(batch);
            }
            return writer.copyFormat();
        }
    }

    private static void typedOneByOne(
            String url, String upsert, RowBinder<Typed> binder, List<Typed> rows)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps = c.prepareStatement(upsert)) {
            SqlRow row = new StatementRow(ps);
            for (Typed r : rows) {
                binder.bind(row, r);
                ps.executeUpdate();
            }
        }
    }

    private static List<List<Typed>> typedBatches(List<Typed> rows) {
        List<List<Typed>> batches = new ArrayList<>();
        for (int k = 0; k < rows.size(); k += 50) {
            batches.add(rows.subList(k, Math.min(rows.size(), k + 50)));
        }
        return batches;
    }

    @Test
    void everyTypeGoesInBinaryAndIsStoredAsTheStatementStoresIt(EmbeddedInfra infra)
            throws Exception {
        String url = infra.freshDatabase();
        DbQueries.execute(url, "CREATE TABLE written " + TYPED_COLUMNS);
        DbQueries.execute(url, "CREATE TABLE expected " + TYPED_COLUMNS);
        List<Typed> rows = typedRows(900, 5);

        String format = typedWrite(url, typedUpsert("written"), TYPED_BINDER, typedBatches(rows));
        typedOneByOne(url, typedUpsert("expected"), TYPED_BINDER, rows);

        assertThat(format).isEqualTo("binary");
        assertThat(DbQueries.count(url, "SELECT count(*) FROM written WHERE ts < '1970-01-01'"))
                .isPositive();
        assertThat(DbQueries.count(url, "SELECT count(*) FROM written WHERE r = 'NaN'"))
                .isPositive();
        assertThat(DbQueries.count(url, "SELECT count(*) FROM written WHERE t LIKE '%é%'"))
                .isPositive();
        assertThat(differences(url, "written", "expected")).isZero();
    }

    @Test
    void valuesBinaryCannotTakeGoInTextAsBefore(EmbeddedInfra infra) throws Exception {
        String url = infra.freshDatabase();
        // A char(n) column: no binary writing of it, the whole table in text.
        String padded = TYPED_COLUMNS.replace("t text", "t char(40)");
        DbQueries.execute(url, "CREATE TABLE written " + padded);
        DbQueries.execute(url, "CREATE TABLE expected " + padded);
        List<Typed> rows = typedRows(300, 9);
        assertThat(typedWrite(url, typedUpsert("written"), TYPED_BINDER, typedBatches(rows)))
                .isEqualTo("text");
        typedOneByOne(url, typedUpsert("expected"), TYPED_BINDER, rows);
        assertThat(differences(url, "written", "expected")).isZero();

        // A time given as text: binary until the first one, then text.
        DbQueries.execute(url, "CREATE TABLE written_as_text " + TYPED_COLUMNS);
        DbQueries.execute(url, "CREATE TABLE expected_as_text " + TYPED_COLUMNS);
        RowBinder<Typed> timeAsText =
                (ps, r) -> {
                    TYPED_BINDER.bind(ps, r);
                    if (r.ts() != null && r.n() % 2 != 0) {
                        ps.setString(9, r.ts().toString());
                    }
                };
        assertThat(typedWrite(url, typedUpsert("written_as_text"), timeAsText, typedBatches(rows)))
                .isEqualTo("text");
        // The statement needs untyped text parameters to take a time as text.
        typedOneByOne(
                url + "&stringtype=unspecified", typedUpsert("expected_as_text"), timeAsText, rows);
        assertThat(differences(url, "written_as_text", "expected_as_text")).isZero();
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
