package dev.streamwall.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.streamwall.runner.run.PitCallScore.Decision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PitCallScoreTest {

    /** Two cars of a 20-lap race: A stops on 8 and 14, B on 10; C never stops. */
    private static Map<String, Set<Integer>> stops() {
        Map<String, Set<Integer>> stops = new TreeMap<>();
        stops.put("gp/1", Set.of(8, 14));
        stops.put("gp/2", Set.of(10));
        stops.put("gp/3", Set.of());
        return stops;
    }

    private static Map<String, String> score(Decision... decisions) {
        return PitCallScore.score(stops(), List.of(decisions), race -> 20);
    }

    @Test
    void aStopIsCalledByABoxOnTheTwoLapsBeforeOrByAWindowOpenedInTime() {
        Map<String, String> lines =
                score(
                        // A's first stop: a window 6-9 opened on lap 5 holds lap 8.
                        new Decision("gp/1", 5, "PREPARE", 6, 9),
                        // A's second stop: BOX on 12 is two laps before 14.
                        new Decision("gp/1", 12, "BOX_NOW", 12, 12),
                        // B: a window opened after the stop does not count; a BOX 4 laps
                        // early is not a call of it either.
                        new Decision("gp/2", 6, "BOX_NOW", 6, 6),
                        new Decision("gp/2", 11, "PREPARE", 9, 12),
                        // C: a BOX call and no stop.
                        new Decision("gp/3", 15, "BOX_NOW", 15, 15));
        // The median in-lap of 8, 10 and 14 is 10: within two laps before B's stop only.
        assertThat(lines.get("real stops called (recall)"))
                .isEqualTo("2 of 3 (66.7 %); naive median-lap box 1 (33.3 %)");
        // BOX on 12 (A stops 14), on 6 (B stops 10: 4 laps, too late), on 15 (C never): 1 of 3.
        // Naive: A boxed on 10 stops 14 (4 laps: no), B on 10 stops 10 (yes), C no: 1 of 3.
        assertThat(lines.get("BOX calls then a stop (precision)"))
                .startsWith("1 of 3 (33.3 %); naive 1 of 3 (33.3 %); chance ");
        assertThat(lines.get("PREPARE windows holding a stop"))
                .isEqualTo("2 of 2 (100.0 %), 4.0 laps wide on average");
        assertThat(lines.get("laps from BOX call to the stop"))
                .isEqualTo("3.0 on average (2 BOX calls followed by a stop)");
        assertThat(lines.get("calls per real stop")).isEqualTo("1.00 BOX, 0.67 PREPARE");
    }

    @Test
    void chanceIsTheShareOfLapsWhoseNextThreeHoldAStop() {
        // Laps 2..19; a stop on 10 follows calls on 7, 8, 9 and 10: 4 of 18.
        assertThat(PitCallScore.chanceOfStopAfter(Set.of(10), 20))
                .isCloseTo(4 / 18.0, offset(1e-9));
        // A stop on lap 1 (the start) is not a stop.
        assertThat(PitCallScore.chanceOfStopAfter(Set.of(1), 20)).isZero();
    }

    @Test
    void withoutCallsEveryFigureSaysSo() {
        Map<String, String> lines = score();
        assertThat(lines.get("real stops called (recall)")).startsWith("0 of 3 (0.0 %)");
        assertThat(lines.get("PREPARE windows holding a stop")).isEqualTo("none");
        assertThat(lines.get("laps from BOX call to the stop")).isEqualTo("none");
    }
}
