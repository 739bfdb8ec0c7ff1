package dev.streamwall.common.sink;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows of one upsert as the input of PostgreSQL's {@code COPY ... FROM STDIN}, filled by the
 * table's {@link RowBinder} as it would fill the statement's placeholders, in one of COPY's
 * formats: {@link BinaryCopyRows binary} when every column has a type it writes, else {@link
 * CopyRows text}. Either way each value is stored exactly as the bound parameter would be.
 *
 * <p>It also notes each row's occurrence of its conflict key among the rows so far (1 for the first
 * row of a key, 2 for the second...): rows of the same round have distinct keys and can be upserted
 * by one statement, rounds in order, as row-by-row upserts would.
 *
 * @param <T> the record type
 */
public interface CopyInput<T> {

    /**
     * The input for {@code upsert}'s table as {@code connection}'s database has it: binary when
     * every inserted column has a type {@link BinaryCopyRows} writes, else text.
     */
    static <T> CopyInput<T> of(Connection connection, Upsert upsert, RowBinder<T> binder)
            throws SQLException {
        String[] types = new String[upsert.columns().size()];
        try (Statement s = connection.createStatement()) {
            ResultSetMetaData meta =
                    s.executeQuery(
                                    "SELECT "
                                            + upsert.columnList()
                                            + " FROM "
                                            + upsert.table()
                                            + " WHERE false")
                            .getMetaData();
            for (int i = 0; i < types.length; i++) {
                types[i] = meta.getColumnTypeName(i + 1);
            }
        }
        return BinaryCopyRows.writes(types)
                ? new BinaryCopyRows<>(upsert, binder, types)
                : new CopyRows<>(upsert, binder);
    }

    /**
     * Appends {@code record} as one row.
     *
     * @throws NotInThisFormat when a value cannot be written in this format as the statement would
     *     store it (the rows so far stay as they were): the text format takes every value
     */
    void add(T record) throws SQLException;

    int rows();

    /** The highest occurrence of one key among the rows: how many upsert rounds they take. */
    int rounds();

    /** Forgets every row. */
    void clear();

    /** The format option of the COPY statement: empty for text. */
    String copyOptions();

    /** The format's name: text or binary. */
    default String format() {
        return copyOptions().isEmpty() ? "text" : "binary";
    }

    /**
     * Sends the rows to {@code in}, each with one more column when {@code withRounds}: its round,
     * an {@code integer}; then ends the COPY and returns the rows it stored.
     */
    long copy(CopyIn in, boolean withRounds) throws SQLException;

    /** Copies the rows into {@code columns} of {@code table} (one COPY statement). */
    default long copyInto(CopyManager manager, String table, String columns, boolean withRounds)
            throws SQLException {
        CopyIn in =
                manager.copyIn("COPY " + table + " (" + columns + ") FROM STDIN" + copyOptions());
        try {
            return copy(in, withRounds);
        } catch (SQLException | RuntimeException e) {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException | RuntimeException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    /** A value this format cannot write as a bound parameter would be stored. */
    final class NotInThisFormat extends SQLException {
        private static final long serialVersionUID = 1L;

        NotInThisFormat(String message) {
            super(message);
        }
    }
}
