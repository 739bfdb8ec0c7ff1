package dev.streamwall.generators.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlantCsvMapperTest {

    private static Map<String, String> row(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static SensorReading read(CsvReplay.Row row) throws Exception {
        return Json.MAPPER.readValue(row.value(), SensorReading.class);
    }

    @Test
    void readsTheLongFormat() throws Exception {
        CsvReplay.Row row =
                new PlantCsvMapper(null, null)
                        .map(
                                row(
                                        "timestamp",
                                        "2026-03-02T08:00:00Z",
                                        "machine",
                                        "M07",
                                        "sensor",
                                        "Temperature",
                                        "value",
                                        "71.5"));
        SensorReading r = read(row);
        assertThat(row.key()).isEqualTo("M07");
        assertThat(r.ts).isEqualTo(1772438400000L);
        assertThat(r.sensor).isEqualTo("temp");
        assertThat(r.value).isEqualTo(71.5);
    }

    @Test
    void readsASingleSensorSeries() throws Exception {
        SensorReading a =
                read(
                        new PlantCsvMapper("B1", "vibration")
                                .map(row("ts", "1772438400", "value", "2.5")));
        assertThat(a.machine).isEqualTo("B1");
        assertThat(a.sensor).isEqualTo("vibration");
        assertThat(a.ts).isEqualTo(1772438400000L);
        SensorReading b =
                read(
                        new PlantCsvMapper("B1", null)
                                .map(row("time", "2026-03-02 08:00:01", "temp", "60.25")));
        assertThat(b.sensor).isEqualTo("temp");
        assertThat(b.value).isEqualTo(60.25);
    }

    @Test
    void explainsWhatIsWrongWithARow() {
        PlantCsvMapper m = new PlantCsvMapper(null, null);
        assertThatThrownBy(() -> m.map(row("machine", "M1", "sensor", "temp", "value", "1")))
                .hasMessageContaining("no timestamp column");
        assertThatThrownBy(() -> m.map(row("ts", "1772438400", "sensor", "temp", "value", "1")))
                .hasMessageContaining("--machine");
        assertThatThrownBy(
                        () ->
                                m.map(
                                        row(
                                                "ts",
                                                "1772438400",
                                                "machine",
                                                "M1",
                                                "sensor",
                                                "temp",
                                                "value",
                                                "hot")))
                .hasMessageContaining("not a finite number");
        assertThatThrownBy(
                        () ->
                                m.map(
                                        row(
                                                "ts",
                                                "yesterday",
                                                "machine",
                                                "M1",
                                                "sensor",
                                                "temp",
                                                "value",
                                                "1")))
                .hasMessageContaining("ISO-8601");
    }
}
