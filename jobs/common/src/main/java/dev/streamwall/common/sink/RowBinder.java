package dev.streamwall.common.sink;

import java.io.Serializable;
import java.sql.SQLException;

/**
 * Fills one row of an upsert's placeholders from a record.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RowBinder<T> extends Serializable {
    void bind(SqlRow row, T record) throws SQLException;
}
