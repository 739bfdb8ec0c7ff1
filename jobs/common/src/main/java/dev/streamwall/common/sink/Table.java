package dev.streamwall.common.sink;

import java.io.Serializable;

/**
 * A table a job writes: its idempotent upsert ({@code INSERT ... ON CONFLICT} on a deterministic
 * key) and how a record fills the statement.
 *
 * @param name the table, as the sink's operator name shows it
 * @param upsert the statement, one row of placeholders
 * @param binder sets the placeholders from a record
 */
public record Table<T>(String name, String upsert, RowBinder<T> binder) implements Serializable {

    public static <T> Table<T> of(String name, String upsert, RowBinder<T> binder) {
        return new Table<>(name, upsert, binder);
    }
}
