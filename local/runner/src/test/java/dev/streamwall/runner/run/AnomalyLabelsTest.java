package dev.streamwall.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyLabelsTest {

    @TempDir Path dir;

    private static long t(String minute) {
        return Instant.parse("2018-05-01T00:" + minute + ":00Z").toEpochMilli();
    }

    @Test
    void interleavedSeriesHaveTheirOwnWindows() throws Exception {
        // Two series in time order, as a merged benchmark file has them: A is labelled at 01-02,
        // B at 02-03; read as one series, their rows would cut each other's runs.
        Path csv = dir.resolve("merged.csv");
        Files.writeString(
                csv,
                """
                timestamp,machine,sensor,value,anomaly
                2018-05-01T00:00:00Z,A,value,1,0
                2018-05-01T00:00:00Z,B,value,1,0
                2018-05-01T00:01:00Z,A,value,9,1
                2018-05-01T00:01:00Z,B,value,1,0
                2018-05-01T00:02:00Z,A,value,9,1
                2018-05-01T00:02:00Z,B,value,9,1
                2018-05-01T00:03:00Z,A,value,1,0
                2018-05-01T00:03:00Z,B,value,9,1
                """);
        Map<String, List<NabScore.Window>> windows = AnomalyLabels.fromColumn(csv, "anomaly");
        assertThat(windows)
                .containsOnlyKeys("A/value", "B/value")
                .containsEntry("A/value", List.of(new NabScore.Window(t("01"), t("02"))))
                .containsEntry("B/value", List.of(new NabScore.Window(t("02"), t("03"))));
        assertThat(AnomalyLabels.of(windows, "B", "value"))
                .containsExactly(new NabScore.Window(t("02"), t("03")));
    }

    @Test
    void aFileOfOneSeriesLabelsEverySeries() throws Exception {
        Path csv = dir.resolve("one.csv");
        Files.writeString(
                csv,
                """
                timestamp,value,anomaly
                2018-05-01T00:00:00Z,1,0.0
                2018-05-01T00:01:00Z,9,1.0
                2018-05-01T00:02:00Z,1,0.0
                """);
        Map<String, List<NabScore.Window>> windows = AnomalyLabels.fromColumn(csv, "anomaly");
        assertThat(AnomalyLabels.of(windows, "M1", "temp"))
                .containsExactly(new NabScore.Window(t("01"), t("01")));
    }
}
