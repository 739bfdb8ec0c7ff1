package dev.streamwall.generators.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReplayTest {

    @TempDir Path dir;

    private static final CsvReplay.RowMapper SPEED_ONLY =
            columns -> {
                String sensor = CsvCells.required(columns, "sensor");
                long ts = CsvCells.parseTimestamp(CsvCells.required(columns, "ts"));
                double speed = CsvCells.requiredNumber(columns, "speed");
                Double flow = CsvCells.optionalNumber(columns, "flow");
                return new CsvReplay.Row(
                        sensor,
                        ts,
                        Json.toBytes(
                                flow == null
                                        ? Map.of("sensor", sensor, "ts", ts, "speed", speed)
                                        : Map.of(
                                                "sensor", sensor, "ts", ts, "speed", speed, "flow",
                                                flow)));
            };

    @Test
    void sendsGoodRowsInOrderAndReportsBadOnesByLine() throws Exception {
        Path csv = dir.resolve("speeds.csv");
        Files.writeString(
                csv,
                String.join(
                        "\n",
                        "ts,sensor,speed,flow",
                        "2026-03-02T08:00:00Z,s1,52.5,",
                        "2026-03-02T08:00:05Z,s2,fast,",
                        "2026-03-02 08:00:10,s1,48,900",
                        ",s3,40,",
                        "1772438415000,s2,61,"),
                StandardCharsets.UTF_8);
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

        CsvReplay.Result result =
                new CsvReplay(csv, SPEED_ONLY, WirePublisher.Options.of("unused:9092", "t", 0))
                        .run(producer);

        assertThat(result.sent()).isEqualTo(3);
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.firstRejections())
                .containsExactly(
                        "line 3: column 'speed' is 'fast', not a finite number",
                        "line 5: column 'ts' is empty");
        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("s1", "s1", "s2");
        assertThat(result.firstTs()).isEqualTo(1772438400000L);
        assertThat(result.lastTs()).isEqualTo(1772438415000L);
        assertThat(new String(producer.history().get(1).value(), StandardCharsets.UTF_8))
                .contains("\"flow\":900.0");
    }

    @Test
    void aBrokenRowIsReportedByItsLineAndTheRestOfTheFileStillGoesOut() throws Exception {
        Path csv = dir.resolve("broken.csv");
        byte[] latin1 = "2026-03-02T08:00:03Z,s\u00e9,50,\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(
                csv,
                concat(
                        String.join(
                                        "\n",
                                        "\uFEFFts,sensor,speed,flow\r",
                                        "2026-03-02T08:00:00Z,s1,52.5,\r",
                                        "2026-03-02T08:00:01Z,s1,52.5,,extra",
                                        "2026-03-02T08:00:02Z,s1",
                                        "")
                                .getBytes(StandardCharsets.UTF_8),
                        latin1,
                        String.join(
                                        "\n",
                                        "2026-03-02T08:00:04Z,boom,50,",
                                        "2026-03-02T07:59:00Z,s1,50,",
                                        "2026-03-02T08:00:05Z,s2,50,")
                                .getBytes(StandardCharsets.UTF_8)));
        CsvReplay.RowMapper exploding =
                columns -> {
                    if ("boom".equals(columns.get("sensor"))) {
                        throw new IllegalStateException("a mapper's own bug");
                    }
                    return SPEED_ONLY.map(columns);
                };
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

        CsvReplay.Result result =
                new CsvReplay(csv, exploding, WirePublisher.Options.of("unused:9092", "t", 0))
                        .run(producer);

        assertThat(result.firstRejections())
                .containsExactly(
                        "line 3: 5 cells, the header has 4 (a stray or missing comma, or an"
                                + " unquoted comma in a value)",
                        "line 4: 2 cells, the header has 4 (a stray or missing comma, or an"
                                + " unquoted comma in a value)",
                        "line 5: column 'sensor' holds bytes that are not UTF-8 text (save the"
                                + " file as UTF-8)",
                        "line 6: a mapper's own bug");
        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("s1", "s1", "s2");
        assertThat(result.rows()).isEqualTo(7);
        assertThat(result.backInTime()).isEqualTo(1);
        assertThat(result.furthestBack()).isEqualTo(60_000);
        assertThat(result.describeBackInTime()).isEqualTo("1 (up to 1m back)");
        assertThat(result.timeFormat()).isEqualTo("ISO-8601 with a zone");
    }

    @Test
    void anEmptyFileIsOneClearError() throws Exception {
        Path csv = dir.resolve("empty.csv");
        Files.writeString(csv, "");
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        assertThatThrownBy(
                        () ->
                                new CsvReplay(
                                                csv,
                                                SPEED_ONLY,
                                                WirePublisher.Options.of("unused:9092", "t", 0))
                                        .run(producer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("empty.csv is empty: it needs a header row");
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void parsesTheUsualTimestampForms() {
        long expected = 1772438400000L; // 2026-03-02T08:00:00Z
        assertThat(CsvCells.parseTimestamp("1772438400000")).isEqualTo(expected);
        assertThat(CsvCells.parseTimestamp("1772438400")).isEqualTo(expected);
        assertThat(CsvCells.parseTimestamp("1772438400.250")).isEqualTo(expected + 250);
        assertThat(CsvCells.parseTimestamp("2026-03-02T08:00:00Z")).isEqualTo(expected);
        assertThat(CsvCells.parseTimestamp("2026-03-02T09:00:00+01:00")).isEqualTo(expected);
        assertThat(CsvCells.parseTimestamp("2026-03-02 08:00:00")).isEqualTo(expected);
        assertThatThrownBy(() -> CsvCells.parseTimestamp("yesterday"))
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void aMissingFileSaysWhichFile() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(
                        () ->
                                new CsvReplay(
                                                missing,
                                                SPEED_ONLY,
                                                WirePublisher.Options.of("unused:9092", "t", 0))
                                        .run(
                                                new MockProducer<>(
                                                        true,
                                                        null,
                                                        new StringSerializer(),
                                                        new ByteArraySerializer())))
                .hasMessageContaining("nope.csv does not exist");
    }

    /**
     * A file grouped by series (one driver's laps, then the next's) goes out interleaved in time; a
     * row that goes back in time within its series keeps its place in that series.
     */
    @Test
    void seriesAreMergedInTimeEachInItsOwnOrder() {
        java.util.function.BiFunction<String, Long, CsvReplay.Row> row =
                (k, ts) -> new CsvReplay.Row(k, ts, new byte[0]);
        List<CsvReplay.Row> file =
                List.of(
                        row.apply("A", 10L),
                        row.apply("A", 20L),
                        row.apply("A", 5L),
                        row.apply("A", 30L),
                        row.apply("B", 12L),
                        row.apply("B", 20L));
        assertThat(CsvReplay.inTimeOrder(file))
                .extracting(r -> r.key() + r.ts())
                .containsExactly("A10", "B12", "A20", "A5", "B20", "A30");
    }
}
