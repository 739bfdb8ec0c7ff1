package dev.streamwall.generators.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CityMatrixMapperTest {

    private static final Instant START = Instant.parse("2024-03-04T06:00:00Z");

    private static Map<String, String> row(String... headerAndCells) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headerAndCells.length; i += 2) {
            m.put(headerAndCells[i], headerAndCells[i + 1]);
        }
        return m;
    }

    @Test
    void oneReadingPerSensorCellAtStartPlusRowTimesStepInKmh() throws Exception {
        var mapper =
                new CityMatrixMapper(
                        START, Duration.ofMinutes(5), CityCsvMapper.SpeedUnit.MPH, true);

        List<CsvReplay.Row> rows = mapper.rows(row("a1", "50", "b2", "0", "c3", ""), 3);

        assertThat(rows).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("a1"));
        RoadReading reading = Json.MAPPER.readValue(rows.get(0).value(), RoadReading.class);
        assertThat(reading.ts).isEqualTo(START.plus(Duration.ofMinutes(15)).toEpochMilli());
        assertThat(reading.road).isEqualTo("a1");
        assertThat(reading.speed).isCloseTo(80.4672, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aTimestampColumnGivesTheTimeAndZeroIsAReadingUnlessToldOtherwise() {
        var mapper = new CityMatrixMapper(null, null, CityCsvMapper.SpeedUnit.KMH, false);

        List<CsvReplay.Row> rows =
                mapper.rows(row("timestamp", "2024-03-04T06:05:00Z", "a1", "0", "b2", "91"), 0);

        assertThat(rows).extracting(CsvReplay.Row::key).containsExactly("a1", "b2");
        assertThat(rows)
                .allSatisfy(r -> assertThat(r.ts()).isEqualTo(START.toEpochMilli() + 300_000));
    }

    @Test
    void saysWhatIsMissingOrWrongInOneLine() {
        var noTimes = new CityMatrixMapper(null, null, CityCsvMapper.SpeedUnit.KMH, false);
        assertThatThrownBy(() -> noTimes.rows(row("a1", "50"), 0))
                .hasMessageStartingWith("no timestamp column: give --start and --step");
        var mph =
                new CityMatrixMapper(
                        START, Duration.ofMinutes(5), CityCsvMapper.SpeedUnit.MPH, false);
        assertThatThrownBy(() -> mph.rows(row("a1", "190"), 0))
                .hasMessage(
                        "sensor a1: speed 190.0 mph is outside 0-250 km/h; is the matrix in"
                                + " another unit (--speed-unit)?");
        assertThatThrownBy(
                        () -> new CityMatrixMapper(START, null, CityCsvMapper.SpeedUnit.KMH, false))
                .hasMessage("give both --start and --step for a matrix without a timestamp column");
    }

    @Test
    void theFormatOptionsReadALocalStartInTheirZone() {
        CityFileFormat format = new CityFileFormat();
        format.layout = CityFileFormat.Layout.MATRIX;
        format.speedUnit = CityCsvMapper.SpeedUnit.KMH;
        format.start = "2024-03-04T00:00";
        format.step = Duration.ofMinutes(5);
        format.timeZone = "America/Chicago";
        assertThat(format.mapper().describeTime())
                .isEqualTo("from --start and --step: one row every 5m from 2024-03-04T06:00:00Z");
        format.timeZone = "Mars/Olympus";
        assertThatThrownBy(format::mapper)
                .hasMessage("--time-zone 'Mars/Olympus' is not a zone such as UTC or Europe/Paris");
    }
}
