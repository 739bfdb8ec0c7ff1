package dev.streamwall.cityflow.functions.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.RoadMinute;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CongestionModelTest {

    private static final long T0 = 1_772_520_000_000L; // a minute boundary

    private final CongestionModel model = new CongestionModel(30, ZoneOffset.UTC);
    private final CongestionModel.RoadFacts road = new CongestionModel.RoadFacts(50, 1800, 700);

    @Test
    void congestionNowIsOneMinusSpeedOverFreeFlowAndStartsAsPersistence() {
        RoadModel m = model.create();
        CongestionForecast f = model.update(m, minute(0, 40), road);
        assertThat(f.now).isEqualTo(0.2);
        assertThat(f.score).as("no outcome learnt yet: persistence").isEqualTo(0.2);
        assertThat(f.confidence).isZero();
        assertThat(f.travelMin)
                .isCloseTo(700 / 1000.0 / 40 * 60, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.modelVersion).isEqualTo(CongestionModel.VERSION);
    }

    @Test
    void anOlderMinuteChangesNothing() {
        RoadModel m = model.create();
        model.update(m, minute(5, 40), road);
        assertThat(model.update(m, minute(4, 10), road)).isNull();
        assertThat(m.minutes).isEqualTo(1);
    }

    @Test
    void aSteadyRampIsExtrapolatedAndTheFitLearnsHowFarItCarries() {
        RoadModel m = model.create();
        CongestionForecast early = null;
        CongestionForecast last = null;
        // Congestion rises 0.0025 a minute for four hours: 30 minutes later it is 0.075 higher.
        for (int k = 0; k < 240; k++) {
            last = model.update(m, minute(k, 50 * (1 - 0.05 - 0.0025 * k)), road);
            if (k == 45) {
                early = last;
            }
        }
        assertThat(last.trendPerMin).isCloseTo(0.0025, org.assertj.core.data.Offset.offset(5e-4));
        double earlyError = Math.abs(early.score - early.now - 0.075);
        double lateError = Math.abs(last.score - last.now - 0.075);
        assertThat(last.score - last.now).as("predicts the ramp continuing").isPositive();
        assertThat(lateError)
                .as("the fit has learnt the trend carries further than the prior says")
                .isLessThan(earlyError * 0.8);
        assertThat(last.confidence).isGreaterThan(early.confidence);
    }

    @Test
    void aModelRestoredWithALongerHorizonStartsItsRingsAgainAndKeepsItsProfile() {
        RoadModel m = model.create();
        for (int k = 0; k < 40; k++) {
            model.update(m, minute(k, 45), road);
        }
        CongestionModel longer = new CongestionModel(45, ZoneOffset.UTC);
        CongestionForecast f = longer.update(m, minute(40, 45), road);
        assertThat(m.slotTs).hasSize(46);
        assertThat(f.horizonMin).isEqualTo(45);
        assertThat(java.util.Arrays.stream(m.profileN).sum())
                .as("the profile kept its 40 minutes")
                .isEqualTo(41);
        for (int k = 41; k < 100; k++) {
            longer.update(m, minute(k, 45), road);
        }
        assertThat(m.trained).as("learns again once 45 minutes have passed").isGreaterThan(0);
    }

    @Test
    void withoutFlowAndOccupancyTheSeedBaselineIsTheSpeedTermAlone() {
        RoadModel m = model.create();
        CongestionForecast f =
                model.update(m, new RoadMinute("R1", T0, 25, Double.NaN, Double.NaN, 12), road);
        assertThat(f.baseline).isEqualTo(0.5);
        assertThat(f.flow).isNaN();
    }

    @Test
    void withoutTheGraphTheFastestSpeedSeenIsFreeFlow() {
        RoadModel m = model.create();
        model.update(m, minute(0, 60), CongestionModel.RoadFacts.UNKNOWN);
        CongestionForecast f = model.update(m, minute(1, 30), CongestionModel.RoadFacts.UNKNOWN);
        assertThat(f.freeFlowKmh).isEqualTo(60);
        assertThat(f.now).isGreaterThan(0.3);
        assertThat(f.travelMin).isNaN();
    }

    @Test
    void theTimeOfDayProfileSpeaksOnlyForQuarterHoursSeenOnAnEarlierDay() {
        RoadModel m = model.create();
        assertThat(model.profileDelta(m, T0)).isZero();
        for (int k = 0; k < 60; k++) {
            model.update(m, minute(k, 50 - k * 0.3), road);
        }
        // Same time tomorrow: the profile has the quarter-hour 30 minutes ahead of now.
        long tomorrow = T0 + 86_400_000L;
        assertThat(model.profileDelta(m, tomorrow)).isGreaterThan(0.1);
    }

    private static RoadMinute minute(int k, double speed) {
        return new RoadMinute("R1", T0 + k * 60_000L, speed, 900, 0.1, 24);
    }
}
