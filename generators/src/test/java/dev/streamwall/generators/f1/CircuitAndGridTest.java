package dev.streamwall.generators.f1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitAndGridTest {

    private static final Circuit SILVERSTONE = Circuit.SILVERSTONE;

    @Test
    void silverstoneHasItsCornersAndALapOfAboutEightySevenSeconds() {
        assertThat(SILVERSTONE.length).isEqualTo(5891);
        assertThat(SILVERSTONE.raceLaps).isEqualTo(52);
        assertThat(SILVERSTONE.corners)
                .extracting(Circuit.Corner::name)
                .containsExactly(
                        "Abbey",
                        "Farm",
                        "Village",
                        "The Loop",
                        "Aintree",
                        "Brooklands",
                        "Luffield",
                        "Woodcote",
                        "Copse",
                        "Maggotts",
                        "Becketts",
                        "Chapel",
                        "Stowe",
                        "Vale",
                        "Club");
        assertThat(SILVERSTONE.straights)
                .extracting(Circuit.Straight::name)
                .contains("Hangar Straight", "Wellington Straight");
        assertThat(SILVERSTONE.drsZones).hasSize(2);
        assertThat(SILVERSTONE.pitSpeedLimitKmh).isEqualTo(80);
        assertThat(SILVERSTONE.referenceLapSeconds()).isBetween(86.5, 88.0);
        double s1 = SILVERSTONE.referenceSeconds(0, SILVERSTONE.sector1End);
        double s2 = SILVERSTONE.referenceSeconds(SILVERSTONE.sector1End, SILVERSTONE.sector2End);
        double s3 = SILVERSTONE.referenceSeconds(SILVERSTONE.sector2End, SILVERSTONE.length);
        assertThat(s1 + s2 + s3)
                .isCloseTo(
                        SILVERSTONE.referenceLapSeconds(),
                        org.assertj.core.api.Assertions.within(0.01));
        assertThat(SILVERSTONE.sector(10)).isEqualTo(1);
        assertThat(SILVERSTONE.sector(3000)).isEqualTo(2);
        assertThat(SILVERSTONE.sector(5800)).isEqualTo(3);
    }

    @Test
    void theSpeedProfileRespectsGripAndPower() {
        double top = 0;
        double slowest = 1e9;
        double maxLateral = 0;
        for (int d = 0; d < SILVERSTONE.length; d++) {
            double v = SILVERSTONE.referenceSpeed(d);
            top = Math.max(top, v * 3.6);
            slowest = Math.min(slowest, v * 3.6);
            maxLateral =
                    Math.max(maxLateral, v * v * Math.abs(SILVERSTONE.curvature(d)) / Circuit.G);
            assertThat(SILVERSTONE.referenceThrottle(d)).isBetween(0.0, 100.0);
            assertThat(SILVERSTONE.referenceBrake(d)).isBetween(0.0, 100.0);
        }
        assertThat(top).isBetween(310.0, 330.0);
        assertThat(slowest).isBetween(70.0, 90.0);
        assertThat(maxLateral).isBetween(5.0, 6.0);
        assertThat(SILVERSTONE.inPitLane(SILVERSTONE.pitBox)).isTrue();
        assertThat(SILVERSTONE.inPitLane(3000)).isFalse();
    }

    @Test
    void theGridIsTwentyCarsInTenTeams() {
        Grid grid = Grid.DEFAULT;
        assertThat(grid.size()).isEqualTo(20);
        Map<String, Integer> perTeam = new HashMap<>();
        grid.entries().forEach(e -> perTeam.merge(e.team(), 1, Integer::sum));
        assertThat(perTeam).hasSize(10).allSatisfy((team, n) -> assertThat(n).isEqualTo(2));
        assertThat(grid.carNumbers())
                .containsExactly(
                        1, 4, 5, 6, 10, 12, 14, 16, 18, 22, 23, 27, 30, 31, 43, 44, 55, 63, 81, 87);
        assertThat(grid.contains(99)).isFalse();
        assertThat(grid.entry(44).driver()).isEqualTo("HAM");
        assertThat(grid.entry(44).team()).isEqualTo("Ferrari");
        assertThat(grid.first(4)).extracting(Grid.Entry::car).containsExactly(4, 81, 16, 44);
        double fastest =
                grid.entries().stream().mapToDouble(Grid.Entry::paceOffset).min().orElseThrow();
        double slowest =
                grid.entries().stream().mapToDouble(Grid.Entry::paceOffset).max().orElseThrow();
        assertThat(slowest - fastest).isBetween(0.8, 2.0);
    }
}
