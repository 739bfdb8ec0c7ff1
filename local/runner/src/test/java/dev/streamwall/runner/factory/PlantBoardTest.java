package dev.streamwall.runner.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.runner.factory.PlantBoard.AlertRow;
import dev.streamwall.runner.factory.PlantBoard.AnomalyRow;
import dev.streamwall.runner.factory.PlantBoard.SensorHealth;
import dev.streamwall.runner.factory.PlantBoard.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlantBoardTest {

    private static final Instant CLOCK = Instant.parse("2026-03-02T07:41:00Z");

    private static Map<String, SensorHealth> machine(
            double temp, double tempScore, double vib, double vibScore) {
        Map<String, SensorHealth> m = new TreeMap<>();
        m.put("temp", new SensorHealth("temp", temp, tempScore));
        m.put("vibration", new SensorHealth("vibration", vib, vibScore));
        m.put("pressure", new SensorHealth("pressure", 4.1, 0.01));
        return m;
    }

    private static Snapshot snapshot() {
        Map<String, Map<String, SensorHealth>> health = new TreeMap<>();
        for (int i = 1; i <= 24; i++) {
            health.put(String.format("M%02d", i), machine(70, 0.01, 2.0, 0.02));
        }
        health.put("M07", machine(84.2, 0.93, 6.3, 0.99));
        health.put("M12", machine(71, 0.01, 2.1, 0.35));
        return new Snapshot(
                CLOCK,
                health,
                List.of(
                        new AlertRow(
                                "M07",
                                "PREDICTIVE_MAINTENANCE",
                                "WARNING",
                                CLOCK.minusSeconds(300),
                                CLOCK.minusSeconds(3600),
                                "bearing wear suspected: vibration 3.10 mm/s")),
                List.of(
                        new AnomalyRow(
                                "M07",
                                "vibration",
                                "HIGH",
                                CLOCK.minusSeconds(3000),
                                6.3,
                                2.0,
                                17.2)),
                42);
    }

    @Test
    void ranksTheMachinesAtRiskAndDrawsEveryMachineWithinTheWidth() {
        List<String> lines = PlantBoard.render(snapshot(), "streamwall factory", 80);
        assertThat(lines.get(0)).contains("plant clock 07:41:00 UTC");
        assertThat(lines.get(1)).contains("machines 24", "open alerts 1", "noise spikes 42");
        int atRisk =
                lines.indexOf(
                        lines.stream()
                                .filter(l -> l.startsWith("MOST AT RISK"))
                                .findFirst()
                                .orElseThrow());
        assertThat(lines.get(atRisk + 1)).contains("M07", "0.99", "PREDICTIVE_MAINTENANCE");
        assertThat(lines.get(atRisk + 2)).contains("M12", "0.35");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("07:36:00 M07", "WARNING"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("M07 ##."));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("M12 .-."));
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        int grid =
                lines.indexOf(
                        lines.stream()
                                .filter(l -> l.startsWith("MACHINE HEALTH"))
                                .findFirst()
                                .orElseThrow());
        long cells =
                lines.subList(grid + 1, lines.size()).stream()
                        .mapToLong(l -> l.split(" M\\d\\d ").length - 1)
                        .sum();
        assertThat(cells).isEqualTo(24);
    }

    @Test
    void risesToAlarmWithACriticalAlert() {
        Snapshot s = snapshot();
        Snapshot critical =
                new Snapshot(
                        s.clock(),
                        s.health(),
                        List.of(
                                new AlertRow(
                                        "M03", "PRESSURE_LEAK", "CRITICAL", CLOCK, CLOCK, "x")),
                        List.of(),
                        0);
        assertThat(PlantBoard.risk(critical, "M03")).isEqualTo(1.0);
        assertThat(PlantBoard.risk(critical, "M04")).isLessThan(0.1);
    }
}
