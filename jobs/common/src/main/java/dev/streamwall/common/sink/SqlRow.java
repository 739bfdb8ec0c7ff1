package dev.streamwall.common.sink;

import java.sql.SQLException;

/**
 * The values of one row of an upsert, set by placeholder position (from 1) as a {@link RowBinder}
 * sets them: the {@link java.sql.PreparedStatement} setters the binders use, so that the same
 * binder fills a statement or a line of {@code COPY} input.
 */
public interface SqlRow {

    void setString(int i, String v) throws SQLException;

    void setShort(int i, short v) throws SQLException;

    void setInt(int i, int v) throws SQLException;

    void setLong(int i, long v) throws SQLException;

    void setFloat(int i, float v) throws SQLException;

    void setDouble(int i, double v) throws SQLException;

    void setBoolean(int i, boolean v) throws SQLException;

    /** A value of another type: here, an {@link java.time.OffsetDateTime} for a timestamp. */
    void setObject(int i, Object v) throws SQLException;

    /** SQL NULL; {@code sqlType} is a {@link java.sql.Types} constant. */
    void setNull(int i, int sqlType) throws SQLException;
}
