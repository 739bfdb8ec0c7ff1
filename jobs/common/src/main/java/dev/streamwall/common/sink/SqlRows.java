package dev.streamwall.common.sink;

import dev.streamwall.common.records.DeadLetter;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What every job's JDBC sinks share: the shared {@code dead_letters} upsert and its binding, and
 * how times and optional numbers become SQL values.
 */
public final class SqlRows {

    /** Dead letters are keyed by their deterministic id: a replay rewrites nothing. */
    public static final String UPSERT_DEAD_LETTER =
            "INSERT INTO dead_letters (id, job, source_topic, source_partition, source_offset, reason, detail,"
                    + " record_key, payload, payload_encoding, payload_size, payload_sha256, rejected_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (id) DO NOTHING";

    /** The shared dead-letter table. */
    public static final Table<DeadLetter> DEAD_LETTERS =
            Table.of("dead_letters", UPSERT_DEAD_LETTER, SqlRows::bindDeadLetter);

    private SqlRows() {}

    /** A {@code timestamptz} value for epoch milliseconds. */
    public static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    public static void bindDeadLetter(SqlRow ps, DeadLetter d) throws SQLException {
        int i = 1;
        ps.setString(i++, d.id);
        ps.setString(i++, d.job);
        ps.setString(i++, d.sourceTopic);
        ps.setInt(i++, d.sourcePartition);
        ps.setLong(i++, d.sourceOffset);
        ps.setString(i++, d.reason);
        // Letters are bounded and NUL-free when made (DeadLetter.of); this guards letters made
        // any other way, so that the dead-letter table never refuses a row.
        ps.setString(i++, DeadLetter.text(d.detail));
        ps.setString(i++, DeadLetter.text(d.key));
        ps.setString(i++, d.payload == null ? null : d.payload.replace("\u0000", "\\0"));
        ps.setString(i++, d.payloadEncoding);
        if (d.payloadSize < 0) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setInt(i++, d.payloadSize);
        }
        ps.setString(i++, d.payloadSha256);
        ps.setObject(i, time(d.rejectedAt));
    }

    /** A {@code real} column: NULL for NaN and infinities. */
    public static void setReal(SqlRow ps, int i, double v) throws SQLException {
        if (!Double.isFinite(v)) {
            ps.setNull(i, Types.REAL);
        } else {
            ps.setFloat(i, (float) v);
        }
    }

    /** A {@code real} column from a boxed value: NULL for null, NaN and infinities. */
    public static void setReal(SqlRow ps, int i, Double v) throws SQLException {
        setReal(ps, i, v == null ? Double.NaN : v);
    }

    /** A {@code smallint} column from a boxed value: NULL for null. */
    public static void setSmallint(SqlRow ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.SMALLINT);
        } else {
            ps.setShort(i, v.shortValue());
        }
    }

    /** An {@code integer} column from a boxed value: NULL for null. */
    public static void setInt(SqlRow ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v.intValue());
        }
    }

    /** A {@code double precision} column: NULL for NaN and infinities. */
    public static void setDouble(SqlRow ps, int i, double v) throws SQLException {
        if (!Double.isFinite(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** A {@code double precision} column from a boxed value: NULL for null, NaN and infinities. */
    public static void setDouble(SqlRow ps, int i, Double v) throws SQLException {
        setDouble(ps, i, v == null ? Double.NaN : v);
    }
}
