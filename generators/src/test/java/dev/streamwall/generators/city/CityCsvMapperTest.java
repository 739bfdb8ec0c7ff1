package dev.streamwall.generators.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CityCsvMapperTest {

    private final CityCsvMapper mapper = new CityCsvMapper();

    @Test
    void aSpeedOnlyRowBecomesAReadingWithoutFlowOrOccupancy() throws Exception {
        CsvReplay.Row row =
                mapper.map(
                        Map.of(
                                "ts",
                                "2026-03-03T08:00:00Z",
                                "sensor",
                                "L12",
                                "road",
                                "A7",
                                "speed",
                                "37.5"));
        RoadReading r = Json.MAPPER.readValue(row.value(), RoadReading.class);
        assertThat(row.key()).isEqualTo("L12");
        assertThat(r.speed).isEqualTo(37.5);
        assertThat(r.flow).isNull();
        assertThat(r.occupancy).isNull();
    }

    @Test
    void occupancyInPercentIsScaledAndAnImpossibleSpeedIsExplained() throws Exception {
        CsvReplay.Row row =
                mapper.map(
                        Map.of(
                                "ts",
                                "1772524800000",
                                "sensor",
                                "L12",
                                "road",
                                "A7",
                                "speed",
                                "37.5",
                                "flow",
                                "1200",
                                "occupancy",
                                "18"));
        RoadReading r = Json.MAPPER.readValue(row.value(), RoadReading.class);
        assertThat(r.occupancy).isEqualTo(0.18);
        assertThat(r.flow).isEqualTo(1200.0);
        assertThatThrownBy(
                        () ->
                                mapper.map(
                                        Map.of(
                                                "ts",
                                                "1772524800000",
                                                "sensor",
                                                "L1",
                                                "road",
                                                "A",
                                                "speed",
                                                "900")))
                .hasMessageContaining("outside 0-250");
    }
}
