package dev.streamwall.runner.cityflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CityBoardTest {

    private static final Instant CLOCK = Instant.parse("2026-03-03T07:52:00Z");

    @Test
    void ranksRoadsNowAndLaterAndShowsReroutesIncidentsAndTheCheck() {
        CityBoard.Snapshot s =
                new CityBoard.Snapshot(
                        CLOCK,
                        List.of(
                                new CityBoard.RoadRow("R01", 0.05, 0.30, 0.6, 47.5, 50),
                                new CityBoard.RoadRow("R20", 0.82, 0.95, 0.4, 10.8, 60),
                                new CityBoard.RoadRow("R24", 0.40, 0.20, 0.7, 36.0, 60)),
                        List.of(
                                new CityBoard.RerouteRow(
                                        "R20", 1, "R24>R20>R16", "R27>R38>R34>R22>R16", 24.5, 206)),
                        List.of(
                                new CityBoard.IncidentRow(
                                        "R20",
                                        "INCIDENT",
                                        "HIGH",
                                        Instant.parse("2026-03-03T07:48:00Z"),
                                        "speed fell from 90% to 48% of free flow")),
                        new CityBoard.Check(1234, 0.046, 0.052, 0.13));
        List<String> lines = CityBoard.render(s, "streamwall cityflow", 120);

        assertThat(lines.get(0)).endsWith("city clock 07:52 UTC");
        assertThat(lines.get(1)).contains("roads 3").contains("reroutes this minute 1");
        assertThat(lines.get(2))
                .contains("1,234")
                .contains("job 0.046")
                .contains("persistence 0.052");
        // Now: R20, R24, R01; in 30 minutes: R20, R01, R24.
        assertThat(lines.get(6)).startsWith("  R20   0.82").contains("R20   0.95");
        assertThat(lines.get(7)).startsWith("  R24   0.40").contains("R01   0.30");
        assertThat(lines.get(8)).startsWith("  R01   0.05").contains("R24   0.20");
        assertThat(lines)
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .contains("R24>R20>R16")
                                        .contains("-24.5 min")
                                        .contains("-206 g CO2"))
                .anySatisfy(l -> assertThat(l).contains("since 07:48 R20").contains("HIGH"))
                // Shown as the change for a vehicle taking the detour: gains print negative.
                .anySatisfy(l -> assertThat(l).startsWith("REROUTES").contains("negative: saved"));
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
    }

    @Test
    void beforeTheFirstMinuteAndTheFirstCheck() {
        List<String> lines =
                CityBoard.render(
                        new CityBoard.Snapshot(
                                null,
                                List.of(),
                                List.of(),
                                List.of(),
                                new CityBoard.Check(0, 0, 0, 0)),
                        "streamwall cityflow",
                        100);
        assertThat(lines.get(0)).endsWith("city clock --:-- UTC");
        assertThat(lines.get(2)).contains("none yet");
        assertThat(lines).contains("  waiting for the first minute of readings", "  none");
    }
}
