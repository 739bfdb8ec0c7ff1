package dev.streamwall.common.sink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.postgresql.copy.CopyIn;

/**
 * Rows of one upsert in COPY's binary format: each value in its column type's own binary form (an
 * IEEE float as its 4 bytes, a time as microseconds since 2000...), so numbers and times are
 * neither formatted here nor parsed by the server. Only values of the column's own type go in (an
 * integer of its range for an integer column, a float for {@code real}, a double for {@code double
 * precision}, a boolean, an {@link OffsetDateTime} for {@code timestamptz}, and any value as its
 * text for a text column); any other pairing of value and column (a text for a number, a double for
 * a {@code real}...) is {@link CopyInput.NotInThisFormat}, and the caller takes the text format,
 * which stores every value as before.
 *
 * <p>Rows are encoded into one growing buffer, without an object per value, and their keys are
 * counted in a hash table over the encoded key bytes.
 *
 * @param <T> the record type
 */
final class BinaryCopyRows<T> extends RoundedRows<T> {

    /** The column types written, by the name PostgreSQL's driver reports. */
    private enum Type {
        INT2,
        INT4,
        INT8,
        FLOAT4,
        FLOAT8,
        BOOL,
        TEXT,
        TIMESTAMPTZ
    }

    private static final Map<String, Type> TYPES =
            Map.of(
                    "int2", Type.INT2,
                    "int4", Type.INT4,
                    "int8", Type.INT8,
                    "float4", Type.FLOAT4,
                    "float8", Type.FLOAT8,
                    "bool", Type.BOOL,
                    "text", Type.TEXT,
                    "varchar", Type.TEXT,
                    "timestamptz", Type.TIMESTAMPTZ);

    /** What a setter gave for a column of the current row. */
    private static final byte NULL = 0;

    private static final byte INTEGRAL = 1;
    private static final byte FLOAT = 2;
    private static final byte DOUBLE = 3;
    private static final byte BOOLEAN = 4;
    private static final byte STRING = 5;
    private static final byte OBJECT = 6;

    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final RowBinder<T> binder;
    private final Type[] types;
    private final int[] key;

    // The current row's values, as the setters gave them.
    private final byte[] kind;
    private final long[] integral;
    private final double[] number;
    private final Object[] object;
    private final int[] fieldStart;

    /** The header, then each row: its field count, then each field's length and bytes. */
    private byte[] buf = new byte[1 << 16];

    private int len;

    /** Each row's start in {@link #buf}. */
    private int[] rowStart = new int[64];

    /** The rows' key fields (length and bytes), one after the other; row r's end at keyEnd[r]. */
    private byte[] keys = new byte[1 << 12];

    private int[] keyEnd = new int[64];

    /** Open addressing over the keys: 1 + the first row of each key, 0 for a free slot. */
    private int[] table = new int[256];

    /** How many keys {@link #table} holds. */
    private int filled;

    /** For the first row of each key, how many rows of that key there are so far. */
    private int[] seenOf = new int[64];

    BinaryCopyRows(Upsert upsert, RowBinder<T> binder, String[] typeNames) {
        this.binder = binder;
        this.key = upsert.keyPositions();
        this.types = new Type[typeNames.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = TYPES.get(typeNames[i]);
            if (types[i] == null) {
                throw new IllegalArgumentException("no binary COPY of type " + typeNames[i]);
            }
        }
        int n = types.length;
        this.kind = new byte[n];
        this.integral = new long[n];
        this.number = new double[n];
        this.object = new Object[n];
        this.fieldStart = new int[n + 1];
        clear();
    }

    /** Whether every one of these column types (as the driver names them) is written here. */
    static boolean writes(String[] typeNames) {
        return Arrays.stream(typeNames).allMatch(TYPES::containsKey);
    }

    @Override
    public String copyOptions() {
        return " WITH (FORMAT binary)";
    }

    @Override
    public void add(T record) throws SQLException {
        Arrays.fill(kind, NULL);
        Arrays.fill(object, null);
        binder.bind(this, record);
        int start = len;
        try {
            ensure(2);
            SHORT.set(buf, len, (short) types.length);
            len += 2;
            for (int i = 0; i < types.length; i++) {
                fieldStart[i] = len;
                encode(i);
            }
            fieldStart[types.length] = len;
        } catch (NotInThisFormat e) {
            len = start;
            throw e;
        }
        int rows = rows();
        if (rows == rowStart.length) {
            rowStart = Arrays.copyOf(rowStart, rows * 2);
            keyEnd = Arrays.copyOf(keyEnd, rows * 2);
            seenOf = Arrays.copyOf(seenOf, rows * 2);
        }
        rowStart[rows] = start;
        int keyStart = rows == 0 ? 0 : keyEnd[rows - 1];
        int keyLen = 0;
        for (int p : key) {
            keyLen += fieldStart[p + 1] - fieldStart[p];
        }
        if (keyStart + keyLen > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keyStart + keyLen));
        }
        int at = keyStart;
        for (int p : key) {
            int n = fieldStart[p + 1] - fieldStart[p];
            System.arraycopy(buf, fieldStart[p], keys, at, n);
            at += n;
        }
        keyEnd[rows] = at;
        added(occurrence(rows));
    }

    /** Which occurrence of its key row {@code r} is, counting it. */
    private int occurrence(int r) {
        if ((filled + 1) * 2 > table.length) {
            rehash(table.length * 2);
        }
        int mask = table.length - 1;
        int i = hash(r) & mask;
        for (int first = table[i] - 1; first >= 0; first = table[i] - 1) {
            if (sameKey(first, r)) {
                return ++seenOf[first];
            }
            i = (i + 1) & mask;
        }
        table[i] = r + 1;
        seenOf[r] = 1;
        filled++;
        return 1;
    }

    private void rehash(int size) {
        int[] old = table;
        table = new int[size];
        int mask = size - 1;
        for (int slot : old) {
            if (slot != 0) {
                int i = hash(slot - 1) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = slot;
            }
        }
    }

    private int hash(int r) {
        int h = 1;
        for (int i = r == 0 ? 0 : keyEnd[r - 1]; i < keyEnd[r]; i++) {
            h = 31 * h + keys[i];
        }
        return h ^ (h >>> 16);
    }

    private boolean sameKey(int a, int b) {
        int as = a == 0 ? 0 : keyEnd[a - 1];
        int bs = b == 0 ? 0 : keyEnd[b - 1];
        return Arrays.equals(keys, as, keyEnd[a], keys, bs, keyEnd[b]);
    }

    private void encode(int i) throws NotInThisFormat {
        byte k = kind[i];
        if (k == NULL) {
            putInt(-1);
            return;
        }
        switch (types[i]) {
            case INT2 -> {
                long v = integral(i, Short.MIN_VALUE, Short.MAX_VALUE);
                putInt(2);
                ensure(2);
                SHORT.set(buf, len, (short) v);
                len += 2;
            }
            case INT4 -> {
                long v = integral(i, Integer.MIN_VALUE, Integer.MAX_VALUE);
                putInt(4);
                putInt((int) v);
            }
            case INT8 -> {
                long v = integral(i, Long.MIN_VALUE, Long.MAX_VALUE);
                putInt(8);
                putLong(v);
            }
            case FLOAT4 -> {
                if (k != FLOAT) {
                    throw mismatch(i);
                }
                putInt(4);
                putInt(Float.floatToIntBits((float) number[i]));
            }
            case FLOAT8 -> {
                if (k != DOUBLE) {
                    throw mismatch(i);
                }
                putInt(8);
                putLong(Double.doubleToLongBits(number[i]));
            }
            case BOOL -> {
                if (k != BOOLEAN) {
                    throw mismatch(i);
                }
                putInt(1);
                ensure(1);
                buf[len++] = (byte) integral[i];
            }
            case TEXT -> putText(text(i));
            case TIMESTAMPTZ -> {
                if (!(k == OBJECT && object[i] instanceof OffsetDateTime t)) {
                    throw mismatch(i);
                }
                // The text format writes microseconds, the rest cut off: the same here.
                long micros;
                try {
                    micros =
                            Math.addExact(
                                    Math.multiplyExact(
                                            t.toEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L),
                                    t.getNano() / 1_000);
                } catch (ArithmeticException e) {
                    throw mismatch(i);
                }
                putInt(8);
                putLong(micros);
            }
            default -> throw mismatch(i);
        }
    }

    private long integral(int i, long min, long max) throws NotInThisFormat {
        if (kind[i] != INTEGRAL || integral[i] < min || integral[i] > max) {
            throw mismatch(i);
        }
        return integral[i];
    }

    /** The value as the text format writes it. */
    private String text(int i) throws NotInThisFormat {
        return switch (kind[i]) {
            case STRING -> (String) object[i];
            case INTEGRAL -> Long.toString(integral[i]);
            case FLOAT -> Float.toString((float) number[i]);
            case DOUBLE -> Double.toString(number[i]);
            case BOOLEAN -> integral[i] != 0 ? "t" : "f";
            case OBJECT -> CopyRows.text(object[i]);
            default -> throw mismatch(i);
        };
    }

    private NotInThisFormat mismatch(int i) {
        return new NotInThisFormat(
                "column "
                        + (i + 1)
                        + " ("
                        + types[i].name().toLowerCase(Locale.ROOT)
                        + ") cannot take this value in binary COPY as a parameter would store it");
    }

    private void putText(String s) {
        int n = s.length();
        ensure(4 + n);
        int lengthAt = len;
        len += 4;
        for (int c = 0; c < n; c++) {
            char ch = s.charAt(c);
            if (ch >= 0x80) {
                // Not ASCII: the whole text, encoded by the JDK.
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, buf, lengthAt + 4, utf8.length);
                len = lengthAt + 4 + utf8.length;
                INT.set(buf, lengthAt, utf8.length);
                return;
            }
            buf[len++] = (byte) ch;
        }
        INT.set(buf, lengthAt, n);
    }

    private void putInt(int v) {
        ensure(4);
        INT.set(buf, len, v);
        len += 4;
    }

    private void putLong(long v) {
        ensure(8);
        LONG.set(buf, len, v);
        len += 8;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    @Override
    public void clear() {
        System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
        len = HEADER.length;
        if (filled > 0) {
            Arrays.fill(table, 0);
        }
        filled = 0;
        forgetRows();
    }

    @Override
    public long copy(CopyIn in, boolean withRounds) throws SQLException {
        if (!withRounds) {
            in.writeToCopy(buf, 0, len);
        } else {
            int rows = rows();
            byte[] out = new byte[len + rows * 8 + TRAILER.length];
            System.arraycopy(buf, 0, out, 0, HEADER.length);
            int at = HEADER.length;
            for (int r = 0; r < rows; r++) {
                int start = rowStart[r];
                int end = r + 1 < rows ? rowStart[r + 1] : len;
                SHORT.set(out, at, (short) (types.length + 1));
                int fields = end - start - 2;
                System.arraycopy(buf, start + 2, out, at + 2, fields);
                at += 2 + fields;
                INT.set(out, at, 4);
                INT.set(out, at + 4, roundOf(r));
                at += 8;
            }
            in.writeToCopy(out, 0, at);
        }
        in.writeToCopy(TRAILER, 0, TRAILER.length);
        return in.endCopy();
    }

    private void put(int i, byte k, long v) throws SQLException {
        checkPlaceholder(i, kind.length);
        kind[i - 1] = k;
        integral[i - 1] = v;
    }

    private void put(int i, byte k, double v) throws SQLException {
        checkPlaceholder(i, kind.length);
        kind[i - 1] = k;
        number[i - 1] = v;
    }

    private void put(int i, Object v) throws SQLException {
        checkPlaceholder(i, kind.length);
        kind[i - 1] = v == null ? NULL : v instanceof String ? STRING : OBJECT;
        object[i - 1] = v;
    }

    @Override
    public void setString(int i, String v) throws SQLException {
        put(i, v);
    }

    @Override
    public void setShort(int i, short v) throws SQLException {
        put(i, INTEGRAL, v);
    }

    @Override
    public void setInt(int i, int v) throws SQLException {
        put(i, INTEGRAL, v);
    }

    @Override
    public void setLong(int i, long v) throws SQLException {
        put(i, INTEGRAL, v);
    }

    @Override
    public void setFloat(int i, float v) throws SQLException {
        put(i, FLOAT, v);
    }

    @Override
    public void setDouble(int i, double v) throws SQLException {
        put(i, DOUBLE, v);
    }

    @Override
    public void setBoolean(int i, boolean v) throws SQLException {
        put(i, BOOLEAN, v ? 1L : 0L);
    }

    @Override
    public void setObject(int i, Object v) throws SQLException {
        put(i, v);
    }

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        put(i, null);
    }
}
