package dev.streamwall.common.sink;

import java.io.Serializable;

/**
 * A table a job writes: its idempotent upsert ({@code INSERT ... ON CONFLICT} on a deterministic
 * key) and how a record fills the statement.
 *
 * @param name the table, as the sink's operator name shows it
 * @param upsert the statement, one row of placeholders
 * @param binder sets the placeholders from a record
 * @param multiRowInserts batch rows into multi-row INSERTs (for the high-volume tables)
 */
public record Table<T>(String name, String upsert, RowBinder<T> binder, boolean multiRowInserts)
        implements Serializable {

    public static <T> Table<T> of(String name, String upsert, RowBinder<T> binder) {
        return new Table<>(name, upsert, binder, false);
    }

    /** The same table written in multi-row INSERTs: for streams of many small rows. */
    public Table<T> batched() {
        return new Table<>(name, upsert, binder, true);
    }
}
