package dev.streamwall.pitwall.functions.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StopHazardTest {

    private static final int RACE = 57;

    @Test
    void aStopIsLikelierAsTheTyresAgeTowardsTheMiddleOfTheRaceAndWhenTheFieldStops() {
        double early = StopHazard.probability(5, 0, RACE, 0);
        double middle = StopHazard.probability(24, 0, RACE, 0);
        double late = StopHazard.probability(50, 0, RACE, 0);
        assertThat(early).isBetween(0.0, 1.0).isLessThan(middle);
        assertThat(late).isLessThan(middle);
        assertThat(StopHazard.probability(24, 0, RACE, 1)).isGreaterThan(middle);
        assertThat(StopHazard.probability(24, 0, RACE, 4))
                .isGreaterThan(StopHazard.probability(24, 0, RACE, 2))
                .as("more than four stops count as four")
                .isEqualTo(StopHazard.probability(24, 0, RACE, 9));
        // Fresh tyres after a stop: unlikely to stop again soon.
        assertThat(StopHazard.probability(26, 24, RACE, 0)).isLessThan(early);
    }

    @Test
    void theStopIsExpectedWhereTheProbabilityPeaksUnlessTheSetReachesTheFlag() {
        int expected = StopHazard.expectedInLap(10, 0, RACE, 11);
        assertThat(expected).isCloseTo(24, within(1));
        double peak = StopHazard.probability(expected - 1, 0, RACE, 0);
        assertThat(peak)
                .isGreaterThan(StopHazard.probability(expected - 3, 0, RACE, 0))
                .isGreaterThan(StopHazard.probability(expected + 1, 0, RACE, 0));
        assertThat(StopHazard.expectedInLap(30, 0, RACE, 31))
                .as("past the peak: now")
                .isEqualTo(31);
        assertThat(StopHazard.expectedInLap(30, 26, RACE, 31))
                .as("a second set with 27 laps to go reaches the flag")
                .isEqualTo(-1);
        assertThat(StopHazard.expectedInLap(56, 0, RACE, 57)).isEqualTo(-1);
    }

    @Test
    void theReasonNamesTheFiguresTheProbabilityWasMadeOf() {
        assertThat(StopHazard.explain(0.312, 24, 3, RACE, 2))
                .isEqualTo(
                        "31% chance of a stop within 4 laps: tyres 21 laps old (37% of the race),"
                                + " 24 of 57 laps done, 2 other cars stopped during the lap");
    }
}
