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
        assertThat(f.predictedSpeed).isEqualTo(40);
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
        assertThat(java.util.Arrays.stream(m.speedProfileN, 0, 192).sum())
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
    void withoutTheGraphFreeFlowIsAHighQuantileOfTheSpeedNotItsMaximum() {
        RoadModel m = model.create();
        model.update(m, minute(0, 60), CongestionModel.RoadFacts.UNKNOWN);
        CongestionForecast f = model.update(m, minute(1, 30), CongestionModel.RoadFacts.UNKNOWN);
        assertThat(f.freeFlowKmh).isCloseTo(60, org.assertj.core.data.Offset.offset(0.5));
        assertThat(f.now).isGreaterThan(0.3);
        assertThat(f.travelMin).isNaN();

        // A day of speeds between 40 and 60 km/h with one reading of 120: the free-flow speed
        // settles near the top of the usual speeds, not at the outlier.
        RoadModel noisy = model.create();
        java.util.Random random = new java.util.Random(3);
        for (int k = 0; k < 1440; k++) {
            double v = k == 100 ? 120 : 40 + 20 * random.nextDouble();
            f = model.update(noisy, minute(k, v), CongestionModel.RoadFacts.UNKNOWN);
        }
        assertThat(f.freeFlowKmh).isBetween(50.0, 62.0);
    }

    @Test
    void theTimeOfDayProfileSpeaksOnlyForQuarterHoursSeenOnAnEarlierDay() {
        RoadModel m = model.create();
        assertThat(model.profile().speed(m, T0)).isNaN();
        for (int k = 0; k < 60; k++) {
            model.update(m, minute(k, 50 - k * 0.3), road);
        }
        assertThat(model.profile().speed(m, T0)).as("seen today only").isNaN();
        // Same time tomorrow: the profile has the quarter-hour and the one 30 minutes ahead.
        long tomorrow = T0 + 86_400_000L;
        assertThat(model.profile().speed(m, tomorrow))
                .isCloseTo(49, org.assertj.core.data.Offset.offset(3.0));
        assertThat(model.profile().speed(m, tomorrow + 30 * 60_000L))
                .isLessThan(model.profile().speed(m, tomorrow));
    }

    @Test
    void aFirstWeekendDayBorrowsTheProfileOfAllDays() {
        // T0 is a Tuesday (2026-03-03T07:20Z): four weekdays of a morning jam, then Saturday.
        RoadModel m = model.create();
        for (int day = 0; day < 4; day++) {
            for (int k = 0; k < 120; k++) {
                model.update(m, minute(day * 1440 + k, k < 60 ? 50 : 20), road);
            }
        }
        long saturday = T0 + 4 * 86_400_000L;
        assertThat(model.profile().bucket(saturday))
                .as("a weekend quarter-hour")
                .isGreaterThanOrEqualTo(96);
        assertThat(model.profile().speed(m, saturday))
                .isCloseTo(50, org.assertj.core.data.Offset.offset(1.0));
        assertThat(model.profile().speed(m, saturday + 90 * 60_000L))
                .isCloseTo(20, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void aNoisyRoadIsSmoothedAndACleanOneFollowed() {
        java.util.Random random = new java.util.Random(11);
        RoadModel noisy = model.create();
        RoadModel clean = model.create();
        for (int k = 0; k < 300; k++) {
            model.update(noisy, minute(k, 40 + 8 * random.nextGaussian()), road);
            // A clean road that steps between two speeds every 20 minutes.
            model.update(clean, minute(k, (k / 20) % 2 == 0 ? 45 : 30), road);
        }
        assertThat(CongestionModel.LEVEL_WEIGHTS[noisy.levelChoice])
                .as("white noise around a constant: the slowest means win")
                .isLessThanOrEqualTo(0.1);
        assertThat(CongestionModel.LEVEL_WEIGHTS[clean.levelChoice])
                .as("a clean series: the last reading wins")
                .isEqualTo(1.0);
    }

    @Test
    void fifteenMinuteReadingsGetATrendAndOutcomesAtTheHorizon() {
        RoadModel m = model.create();
        CongestionForecast f = null;
        // A speed falling 0.2 km/h a minute, read every 15 minutes for a day.
        for (int k = 0; k < 96; k++) {
            f = model.update(m, minute(15 * k, 60 - 0.2 * (15 * k % 240)), road);
        }
        assertThat(m.trained)
                .as("every forecast of the 15-minute series met its outcome")
                .isGreaterThan(80);
        RoadModel ramp = model.create();
        for (int k = 0; k < 12; k++) {
            f = model.update(ramp, minute(15 * k, 60 - 3 * k), road);
        }
        assertThat(f.trendPerMin)
                .as("0.2 km/h a minute of 50 km/h free flow")
                .isCloseTo(0.004, org.assertj.core.data.Offset.offset(0.001));
        assertThat(f.predictedSpeed).isLessThan(f.speed);
        assertThat(f.explanation).startsWith("level ").contains("trend");
    }

    @Test
    void aModelOfTheFirstVersionKeepsItsReadingsAndStartsItsForecasterAgain() {
        RoadModel old = new RoadModel();
        old.lastTs = T0;
        old.minutes = 500;
        old.speed = 42;
        old.learnedFreeFlow = 80;
        old.slotTs = new long[31];
        old.rawSpeed = new double[31];
        old.rawFlow = new double[31];
        old.rawOccupancy = new double[31];
        old.weights = new double[] {0.5, 1.0, -0.2};
        old.covariance = new double[9];
        old.trained = 400;
        CongestionForecast f = model.update(old, minute(1, 42), CongestionModel.RoadFacts.UNKNOWN);
        assertThat(f).isNotNull();
        assertThat(old.levels).hasSize(CongestionModel.LEVEL_WEIGHTS.length);
        assertThat(old.weights).containsExactly(CongestionModel.PRIOR_WEIGHTS);
        assertThat(old.trained).isZero();
        assertThat(f.speed).isEqualTo(42);
        assertThat(f.freeFlowKmh)
                .as("the old maximum, settling")
                .isCloseTo(80, org.assertj.core.data.Offset.offset(1.0));
        assertThat(f.predictedSpeed).isEqualTo(42);
    }

    private static RoadMinute minute(int k, double speed) {
        return new RoadMinute("R1", T0 + k * 60_000L, speed, 900, 0.1, 24);
    }
}
