package dev.streamwall.common.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The binary rows' bookkeeping without a database (UpsertWriterITCase checks what PostgreSQL stores
 * from them): each row's round is the occurrence of its key, a value of another type is refused
 * without changing the rows.
 */
class BinaryCopyRowsTest {

    record Row(String id, long ts, Object note) {}

    private static final Upsert UPSERT =
            Upsert.parse(
                    "INSERT INTO t (id, ts, note) VALUES (?,?,?) ON CONFLICT (id, ts) DO NOTHING");

    private static final RowBinder<Row> BINDER =
            (ps, r) -> {
                ps.setString(1, r.id());
                ps.setObject(
                        2,
                        OffsetDateTime.ofInstant(
                                java.time.Instant.ofEpochMilli(r.ts()), ZoneOffset.UTC));
                if (r.note() instanceof Double d) {
                    ps.setDouble(3, d);
                } else {
                    ps.setString(3, (String) r.note());
                }
            };

    private static BinaryCopyRows<Row> rows() {
        return new BinaryCopyRows<>(UPSERT, BINDER, new String[] {"text", "timestamptz", "text"});
    }

    @Test
    void aRowsRoundIsTheOccurrenceOfItsKey() throws Exception {
        BinaryCopyRows<Row> rows = rows();
        String[] ids = {"a", "b", "a", "a", "c", "b"};
        for (String id : ids) {
            rows.add(new Row(id, 1_000L, "n"));
        }
        rows.add(new Row("a", 2_000L, null));
        assertThat(rows.rows()).isEqualTo(7);
        assertThat(rows.rounds()).isEqualTo(3);
        assertThat(new int[] {rows.roundOf(0), rows.roundOf(2), rows.roundOf(3), rows.roundOf(5)})
                .containsExactly(1, 2, 3, 2);
        assertThat(rows.roundOf(6)).as("same id, another time: another key").isEqualTo(1);

        rows.clear();
        rows.add(new Row("a", 1_000L, "n"));
        assertThat(rows.rounds()).as("cleared").isEqualTo(1);
    }

    @Test
    void manyKeysGrowTheTableAndKeepTheirCounts() throws Exception {
        BinaryCopyRows<Row> rows = rows();
        for (int pass = 1; pass <= 3; pass++) {
            for (int i = 0; i < 5_000; i++) {
                rows.add(new Row("k" + i, i, "n"));
            }
        }
        assertThat(rows.rows()).isEqualTo(15_000);
        assertThat(rows.rounds()).isEqualTo(3);
        assertThat(rows.roundOf(4_999)).isEqualTo(1);
        assertThat(rows.roundOf(10_000)).isEqualTo(3);
    }

    @Test
    void aValueOfAnotherTypeIsRefusedAndLeavesTheRows() throws Exception {
        BinaryCopyRows<Row> rows = rows();
        rows.add(new Row("a", 1_000L, "n"));
        // A double for a text column is fine (its text), a text for a time is not.
        rows.add(new Row("b", 1_000L, 0.5));
        RowBinder<Row> timeAsText = (ps, r) -> ps.setString(2, "2026-01-01T00:00:00Z");
        BinaryCopyRows<Row> other =
                new BinaryCopyRows<>(
                        UPSERT, timeAsText, new String[] {"text", "timestamptz", "text"});
        assertThatThrownBy(() -> other.add(new Row("c", 0, "n")))
                .isInstanceOf(CopyInput.NotInThisFormat.class)
                .hasMessageContaining("column 2 (timestamptz)");
        assertThat(other.rows()).isZero();
        assertThat(rows.rows()).isEqualTo(2);
    }

    @Test
    void typesItDoesNotWriteGoToText() {
        assertThat(BinaryCopyRows.writes(new String[] {"int4", "float8", "timestamptz"})).isTrue();
        assertThat(BinaryCopyRows.writes(new String[] {"int4", "numeric"})).isFalse();
        assertThat(BinaryCopyRows.writes(new String[] {"jsonb"})).isFalse();
    }
}
