package dev.streamwall.common.sink;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.copy.CopyIn;

/**
 * Rows of one upsert in COPY's text format: one line per row, tab-separated, {@code \N} for NULL,
 * backslash escapes. Numbers are written in Java's shortest round-trip form and the server reads
 * every value as it would a bound parameter's text, so it takes any value and column: the format
 * for tables with a column type {@link BinaryCopyRows} does not write.
 *
 * @param <T> the record type
 */
public final class CopyRows<T> extends RoundedRows<T> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private final RowBinder<T> binder;
    private final int[] key;
    private final String[] values;
    private final Map<String, Integer> seen = new HashMap<>();
    private final StringBuilder text = new StringBuilder(1 << 16);

    public CopyRows(Upsert upsert, RowBinder<T> binder) {
        this.binder = binder;
        this.key = upsert.keyPositions();
        this.values = new String[upsert.columns().size()];
    }

    @Override
    public void add(T record) throws SQLException {
        Arrays.fill(values, null);
        binder.bind(this, record);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            String v = values[i];
            if (v == null) {
                text.append("\\N");
            } else {
                escape(v);
            }
        }
        text.append('\n');
        int round = seen.merge(key(), 1, Integer::sum);
        added(round);
    }

    /** The current row's conflict key, as text. */
    private String key() {
        StringBuilder k = new StringBuilder();
        for (int p : key) {
            k.append(values[p]).append('\u0001');
        }
        return k.toString();
    }

    private void escape(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }

    @Override
    public String copyOptions() {
        return "";
    }

    @Override
    public long copy(CopyIn in, boolean withRounds) throws SQLException {
        byte[] lines = withRounds ? bytesWithRounds() : bytes();
        in.writeToCopy(lines, 0, lines.length);
        return in.endCopy();
    }

    /** The lines so far, UTF-8. */
    private byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The lines so far, each with one more column: the row's round. UTF-8. */
    private byte[] bytesWithRounds() {
        StringBuilder b = new StringBuilder(text.length() + rows() * 3);
        int line = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                // Newlines in values are escaped: a raw one ends a row.
                b.append('\t').append(roundOf(line++));
            }
            b.append(c);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void clear() {
        text.setLength(0);
        seen.clear();
        forgetRows();
    }

    private void set(int i, String v) throws SQLException {
        checkPlaceholder(i, values.length);
        values[i - 1] = v;
    }

    @Override
    public void setString(int i, String v) throws SQLException {
        set(i, v);
    }

    @Override
    public void setShort(int i, short v) throws SQLException {
        set(i, Short.toString(v));
    }

    @Override
    public void setInt(int i, int v) throws SQLException {
        set(i, Integer.toString(v));
    }

    @Override
    public void setLong(int i, long v) throws SQLException {
        set(i, Long.toString(v));
    }

    @Override
    public void setFloat(int i, float v) throws SQLException {
        set(i, Float.toString(v));
    }

    @Override
    public void setDouble(int i, double v) throws SQLException {
        set(i, Double.toString(v));
    }

    @Override
    public void setBoolean(int i, boolean v) throws SQLException {
        set(i, v ? "t" : "f");
    }

    @Override
    public void setObject(int i, Object v) throws SQLException {
        set(i, v == null ? null : text(v));
    }

    /** The text of a value given to {@code setObject}: a time's in full, with its offset. */
    static String text(Object v) {
        return v instanceof OffsetDateTime t ? TIME.format(t) : v.toString();
    }

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        set(i, null);
    }
}
