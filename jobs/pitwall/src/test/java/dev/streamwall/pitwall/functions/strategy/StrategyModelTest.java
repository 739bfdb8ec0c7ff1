package dev.streamwall.pitwall.functions.strategy;

import static dev.streamwall.pitwall.Fixtures.LEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamwall.generators.f1.Compound;
import dev.streamwall.pitwall.Fixtures;
import dev.streamwall.pitwall.records.Call;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.records.StintOutlook;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Unit tests of the pure strategy model: the degradation fit, the cliff estimate and the calls. */
class StrategyModelTest {

    private static final StrategyParameters PARAMS = StrategyParameters.defaults();

    /** Race length of {@link Fixtures#lap}. */
    private static final int TOTAL_LAPS = 52;

    private static final double BASE_LAP_SECONDS = 90.0;

    /** Fuel on board at the end of lap {@code n} in {@link Fixtures#lap}: 100 - 1.9 n kg. */
    private static final double FIXTURE_START_FUEL_KG = 100.0;

    private static final double FIXTURE_BURN_KG_PER_LAP = 1.9;
    private static final double THIRSTY_BURN_KG_PER_LAP = 2.5;
    private static final double FUEL_TOLERANCE_KG = 0.1;

    /** Gaps to the cars around: close enough for an undercut, or well clear. */
    private static final double WITHIN_UNDERCUT_SECONDS = 0.7;

    private static final double CLEAR_SECONDS = 9.0;
    private static final double SOFT_DEGRADATION = 0.08;
    private static final double MEDIUM_DEGRADATION = 0.05;
    private static final double HARD_DEGRADATION = 0.03;
    private static final double SOFT_WEAR_PER_LAP = 3.5;

    /** Lap times rise this much per lap beyond the cliff. */
    private static final double CLIFF_PENALTY_PER_LAP = 1.5;

    private static final double ONE_SLOW_LAP_SECONDS = 1.2;
    private static final double LAP_NOISE_SECONDS = 0.3;
    private static final int NOISE_SEEDS = 20;
    private static final double SLOPE_TOLERANCE = 0.005;

    // --- record factories -----------------------------------------------------------------

    /** Fuel-corrected pace {@code base + degradation * age} plus the fixture's fuel on board. */
    private static double lapSeconds(int lap, int tyreAge, double degradation) {
        double fuel = FIXTURE_START_FUEL_KG - FIXTURE_BURN_KG_PER_LAP * lap;
        return BASE_LAP_SECONDS + degradation * tyreAge + PARAMS.fuelEffectSecondsPerKg() * fuel;
    }

    /** A green lap with tyre and fuel data. */
    private static LapTiming lapWithTyres(
            int lap, String compound, int tyreAge, Double wear, double degradation) {
        return Fixtures.lap(
                LEC, lap, lapSeconds(lap, tyreAge, degradation), compound, tyreAge, wear);
    }

    /** A lap as recorded timing reports it: no compound, tyre age, wear or fuel. */
    private static LapTiming bareLap(int lap, double lapSeconds) {
        LapTiming l = Fixtures.lap(LEC, lap, lapSeconds, null, null, null);
        l.fuel = null;
        return l;
    }

    /**
     * Pace of a car whose fuel burns evenly from the model's assumed start load to empty at the
     * flag.
     */
    private static double bareLapSeconds(int lap, int tyreAge, double degradation) {
        double fuel = PARAMS.startFuelKg() * (1.0 - (double) lap / TOTAL_LAPS);
        return BASE_LAP_SECONDS + degradation * tyreAge + PARAMS.fuelEffectSecondsPerKg() * fuel;
    }

    private static StintOutlook fold(StintState s, LapTiming lap) {
        StintFit.update(s, lap, PARAMS);
        return StrategyModel.decide(s, "LAP", lap.lapEndTs, lap.lap + 1, PARAMS);
    }

    private static StintOutlook firstCall(List<StintOutlook> calls, Call call) {
        return calls.stream().filter(d -> d.call.equals(call.name())).findFirst().orElseThrow();
    }

    // --- calls over a stint ---------------------------------------------------------------

    @Test
    void softStintWithMeasuredWearBoxesBeforeTheWearReachesTheCliff() {
        StintState s = new StintState();
        List<StintOutlook> calls = new ArrayList<>();
        List<Double> wearAtCall = new ArrayList<>();
        for (int lap = 1; lap <= 30; lap++) {
            double wear = SOFT_WEAR_PER_LAP * lap;
            StintOutlook d = fold(s, lapWithTyres(lap, "SOFT", lap, wear, SOFT_DEGRADATION));
            calls.add(d);
            wearAtCall.add(wear);
            if (d.call.equals(Call.BOX_NOW.name())) {
                break;
            }
        }
        int cliffLap = (int) Math.ceil(StintFit.CLIFF_WEAR_PERCENT / SOFT_WEAR_PER_LAP);

        assertThat(calls.subList(0, 5)).extracting(d -> d.call).containsOnly(Call.STAY_OUT.name());
        StintOutlook prepare = firstCall(calls, Call.PREPARE);
        StintOutlook boxNow = firstCall(calls, Call.BOX_NOW);
        assertThat(prepare.lap).isLessThan(boxNow.lap);
        // The call for lap k+1 is made at the end of lap k: it must precede the lap of the cliff.
        assertThat(boxNow.lap).isLessThanOrEqualTo(cliffLap);
        assertThat(wearAtCall.get(calls.indexOf(boxNow))).isLessThan(StintFit.CLIFF_WEAR_PERCENT);
        assertThat(boxNow.reason)
                .contains("SOFT tyres")
                .containsAnyOf("from the cliff", "best one-stop split");
        // Near the cliff, or earlier where the best one-stop split falls, but not absurdly early.
        assertThat(boxNow.lapsToCliff)
                .isLessThan(PARAMS.boxNowLapsToCliff() + PARAMS.pitWindowLaps());
        assertThat(prepare.reason).contains("pit window open");
        // From the second lap, when the wear rate is known, health only falls.
        assertThat(calls.subList(1, calls.size()))
                .extracting(d -> d.stintHealth)
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void acceleratingWearStillGetsTheCallBeforeTheCliff() {
        StintState s = new StintState();
        double wear = 0;
        StintOutlook boxNow = null;
        double wearAtCall = 0;
        int cliffLap = 0;
        for (int lap = 1; lap <= 40 && cliffLap == 0; lap++) {
            // Wear per lap grows from 2 % to about 6 % as the tread heats and thins.
            wear += 2.0 + 0.25 * lap;
            if (wear >= StintFit.CLIFF_WEAR_PERCENT) {
                cliffLap = lap;
            }
            StintOutlook d = fold(s, lapWithTyres(lap, "SOFT", lap, wear, SOFT_DEGRADATION));
            if (boxNow == null && d.call.equals(Call.BOX_NOW.name())) {
                boxNow = d;
                wearAtCall = wear;
            }
        }
        assertThat(boxNow).isNotNull();
        assertThat(boxNow.lap).isLessThanOrEqualTo(cliffLap);
        assertThat(wearAtCall).isLessThan(StintFit.CLIFF_WEAR_PERCENT);
    }

    @Test
    void aSafetyCarDoesNotSlowTheWearRateDown() {
        // Under the safety car the tyres wear a third as fast; the cliff must not drift away.
        StintState s = new StintState();
        double wear = 0;
        for (int lap = 1; lap <= 14; lap++) {
            boolean safetyCar = lap >= 11 && lap <= 13;
            wear += safetyCar ? SOFT_WEAR_PER_LAP / 3 : SOFT_WEAR_PER_LAP;
            LapTiming l = lapWithTyres(lap, "SOFT", lap, wear, SOFT_DEGRADATION);
            l.trackStatus = safetyCar ? "SC" : "GREEN";
            fold(s, l);
        }
        assertThat(s.wearPerLap).isCloseTo(SOFT_WEAR_PER_LAP, within(1e-9));
        assertThat(StintFit.lapsToCliff(s))
                .isCloseTo((StintFit.CLIFF_WEAR_PERCENT - wear) / SOFT_WEAR_PER_LAP, within(1e-9));
    }

    @Test
    void withoutTyreDataTheCallsComeFromTheHistoryOfStopsAndFromTheField() {
        // Recorded timing: no compound, age, wear or fuel. Alone on track, a stop is never likely
        // enough for a box call; the window opens and closes with the share of the race run.
        StintState alone = new StintState();
        List<StintOutlook> calls = new ArrayList<>();
        for (int lap = 1; lap < TOTAL_LAPS; lap++) {
            calls.add(fold(alone, bareLap(lap, bareLapSeconds(lap, lap, SOFT_DEGRADATION))));
        }
        assertThat(calls.subList(0, 5)).extracting(d -> d.call).containsOnly(Call.STAY_OUT.name());
        assertThat(calls).extracting(d -> d.call).doesNotContain(Call.BOX_NOW.name());
        StintOutlook prepare = firstCall(calls, Call.PREPARE);
        assertThat(prepare.windowFrom).isEqualTo(prepare.lap);
        assertThat(prepare.windowTo).isEqualTo(prepare.lap + StopHazard.HORIZON_LAPS - 1);
        assertThat(prepare.pitWindowProbability)
                .isGreaterThanOrEqualTo(StopHazard.PREPARE_PROBABILITY);
        assertThat(prepare.reason)
                .startsWith("pit window open: ")
                .contains("tyres " + (prepare.lap - 1) + " laps old");
        StintOutlook end = calls.get(calls.size() - 1);
        assertThat(end.call).isEqualTo(Call.STAY_OUT.name());
        assertThat(end.reason).startsWith("no stop expected before the flag: ");
        assertThat(end.windowFrom).isNull();
        assertThat(calls)
                .allSatisfy(
                        d -> {
                            assertThat(d.reason).doesNotContain("null");
                            assertThat(d.fuelToFlag).isNull();
                            assertThat(d.tyreCompound).isNull();
                        });

        // The same car on the same lap, with three other cars stopping while it drove it: box.
        StintState s = new StintState();
        for (int lap = 1; lap < 20; lap++) {
            fold(s, bareLap(lap, bareLapSeconds(lap, lap, SOFT_DEGRADATION)));
        }
        s.fieldStops = 3;
        StintOutlook box = fold(s, bareLap(20, bareLapSeconds(20, 20, SOFT_DEGRADATION)));
        assertThat(box.call).isEqualTo(Call.BOX_NOW.name());
        assertThat(box.reason).startsWith("stop likely: ").contains("3 other cars stopped");
        assertThat(box.windowFrom).isEqualTo(box.lap).isEqualTo(box.windowTo);
        assertThat(box.pitWindowProbability)
                .isGreaterThan(calls.get(19).pitWindowProbability)
                .isGreaterThanOrEqualTo(StopHazard.BOX_PROBABILITY);
    }

    @Test
    void twoLapsWellOffTheTrendMeanTheCliff() {
        StintState s = new StintState();
        for (int lap = 1; lap <= 12; lap++) {
            fold(s, lapWithTyres(lap, "HARD", lap, null, HARD_DEGRADATION));
        }
        assertThat(StintFit.cliffReached(s)).isFalse();

        LapTiming slow = lapWithTyres(13, "HARD", 13, null, HARD_DEGRADATION);
        slow.lapTimeMs += Math.round(ONE_SLOW_LAP_SECONDS * 1000);
        StintOutlook afterOne = fold(s, slow);
        assertThat(StintFit.cliffReached(s)).as("one slow lap is traffic, not the cliff").isFalse();
        assertThat(afterOne.call).isNotEqualTo(Call.BOX_NOW.name());

        LapTiming slower = lapWithTyres(14, "HARD", 14, null, HARD_DEGRADATION);
        slower.lapTimeMs += Math.round(2 * ONE_SLOW_LAP_SECONDS * 1000);
        StintOutlook afterTwo = fold(s, slower);
        assertThat(StintFit.cliffReached(s)).isTrue();
        assertThat(StintFit.lapsToCliff(s)).isZero();
        assertThat(afterTwo.call).isEqualTo(Call.BOX_NOW.name());
        assertThat(afterTwo.reason).contains("past the cliff");
        assertThat(afterTwo.stintHealth).isLessThanOrEqualTo(5);
    }

    @Test
    void aSlowLapUnderTheSafetyCarOrInThePitsIsNotFitted() {
        StintState s = new StintState();
        for (int lap = 1; lap <= 10; lap++) {
            fold(s, lapWithTyres(lap, "MEDIUM", lap, null, MEDIUM_DEGRADATION));
        }
        int fitted = s.n;
        LapTiming sc = lapWithTyres(11, "MEDIUM", 11, null, MEDIUM_DEGRADATION);
        sc.trackStatus = "SC";
        sc.lapTimeMs += 30_000;
        fold(s, sc);
        LapTiming vsc = lapWithTyres(12, "MEDIUM", 12, null, MEDIUM_DEGRADATION);
        vsc.trackStatus = "VSC";
        vsc.lapTimeMs += 20_000;
        fold(s, vsc);

        assertThat(s.n).isEqualTo(fitted);
        assertThat(StintFit.cliffReached(s)).isFalse();
        assertThat(StintFit.slope(s)).isCloseTo(MEDIUM_DEGRADATION, within(SLOPE_TOLERANCE));
    }

    @Test
    void correctsLapTimesForTheFuelBurntOff() {
        // No degradation at all: raw lap times fall only because the car gets lighter.
        StintState measured = new StintState();
        StintState estimated = new StintState();
        for (int lap = 1; lap <= 15; lap++) {
            fold(measured, lapWithTyres(lap, "HARD", lap, null, 0));
            fold(estimated, bareLap(lap, bareLapSeconds(lap, lap, 0)));
        }
        double rawSlope = -PARAMS.fuelEffectSecondsPerKg() * FIXTURE_BURN_KG_PER_LAP;
        assertThat(rawSlope).isLessThan(-0.05);
        assertThat(StintFit.slope(measured)).isCloseTo(0, within(SLOPE_TOLERANCE));
        assertThat(StintFit.slope(estimated)).isCloseTo(0, within(SLOPE_TOLERANCE));
    }

    @Test
    void fuelToTheFlagComesFromTheMeasuredBurn() {
        StintState s = new StintState();
        StintOutlook d = null;
        for (int lap = 1; lap <= 10; lap++) {
            d = fold(s, lapWithTyres(lap, "HARD", lap, null, HARD_DEGRADATION));
        }
        double expected =
                FIXTURE_START_FUEL_KG
                        - FIXTURE_BURN_KG_PER_LAP * 10
                        - FIXTURE_BURN_KG_PER_LAP * (TOTAL_LAPS - 10);
        assertThat(d.fuelToFlag).isCloseTo(expected, within(FUEL_TOLERANCE_KG));

        // Burning more than planned leaves the car short: lift and coast.
        StintState thirsty = new StintState();
        for (int lap = 1; lap <= 10; lap++) {
            LapTiming l = lapWithTyres(lap, "HARD", lap, null, HARD_DEGRADATION);
            l.fuel = FIXTURE_START_FUEL_KG - THIRSTY_BURN_KG_PER_LAP * lap;
            d = fold(thirsty, l);
        }
        assertThat(d.fuelToFlag).isNegative();
        assertThat(d.call).isEqualTo(Call.STAY_OUT.name());
        assertThat(d.reason).contains("kg short: lift and coast");
    }

    @Test
    void aNeutralisedTrackMidStintIsAnOpportunity() {
        StintState s = new StintState();
        for (int lap = 1; lap <= 14; lap++) {
            fold(s, lapWithTyres(lap, "MEDIUM", lap, null, MEDIUM_DEGRADATION));
        }
        assertThat(StrategyModel.decide(s, "LAP", 0, 15, PARAMS).call)
                .isEqualTo(Call.STAY_OUT.name());

        s.trackStatus = "SC";
        StintOutlook sc = StrategyModel.decide(s, "TRACK_STATUS", 0, 15, PARAMS);
        assertThat(sc.call).isEqualTo(Call.BOX_OPPORTUNITY.name());
        assertThat(sc.reason)
                .isEqualTo("SC: a stop costs ~10 s instead of 20 s; MEDIUM tyres 14 laps old");

        s.trackStatus = "VSC";
        StintOutlook vsc = StrategyModel.decide(s, "TRACK_STATUS", 0, 15, PARAMS);
        assertThat(vsc.call).isEqualTo(Call.BOX_OPPORTUNITY.name());
        assertThat(vsc.reason).startsWith("VSC: a stop costs ~13 s");

        s.trackStatus = "RED";
        assertThat(StrategyModel.decide(s, "TRACK_STATUS", 0, 15, PARAMS).reason)
                .contains("red flag");
    }

    @Test
    void freshTyresUnderTheSafetyCarAreNoOpportunity() {
        StintState s = new StintState();
        fold(s, lapWithTyres(1, "HARD", 1, null, HARD_DEGRADATION));
        fold(s, lapWithTyres(2, "HARD", 2, null, HARD_DEGRADATION));
        s.trackStatus = "SC";
        assertThat(StrategyModel.decide(s, "TRACK_STATUS", 0, 3, PARAMS).call)
                .isNotEqualTo(Call.BOX_OPPORTUNITY.name());
    }

    @Test
    void noStopNearTheFlagWhenTheTyresLastAndTwoCompoundsWereUsed() {
        StintState s = new StintState();
        List<StintOutlook> calls = new ArrayList<>();
        for (int lap = 1; lap <= 20; lap++) {
            fold(s, lapWithTyres(lap, "MEDIUM", lap, null, MEDIUM_DEGRADATION));
        }
        for (int lap = 21; lap <= TOTAL_LAPS; lap++) {
            calls.add(fold(s, lapWithTyres(lap, "HARD", lap - 20, null, HARD_DEGRADATION)));
        }
        assertThat(s.stint).isEqualTo(2);
        assertThat(s.compoundsUsed).isEqualTo("MEDIUM,HARD");
        assertThat(calls).extracting(d -> d.call).containsOnly(Call.STAY_OUT.name());
        assertThat(calls.get(calls.size() - 2).reason).contains("HARD tyres can reach the flag");
        assertThat(calls).extracting(d -> d.pitWindowProbability).containsOnly(0.0);
        assertThat(calls.get(calls.size() - 1).reason).isEqualTo("race over");
    }

    @Test
    void oneCompoundOnlyStillGetsTheMandatoryStopInTime() {
        // A stop from hards onto hards leaves the two-compound rule unmet with tyres
        // that would last.
        StintState s = new StintState();
        List<StintOutlook> calls = new ArrayList<>();
        for (int lap = 1; lap <= 20; lap++) {
            fold(s, lapWithTyres(lap, "HARD", lap, null, HARD_DEGRADATION));
        }
        for (int lap = 21; lap <= TOTAL_LAPS; lap++) {
            calls.add(fold(s, lapWithTyres(lap, "HARD", lap - 20, null, HARD_DEGRADATION)));
        }
        StintOutlook boxNow = firstCall(calls, Call.BOX_NOW);
        assertThat(boxNow.lap).isLessThan(TOTAL_LAPS);
        assertThat(boxNow.reason).contains("mandatory");
        assertThat(firstCall(calls, Call.PREPARE).lap).isLessThan(boxNow.lap);
    }

    @Test
    void aPitStopInBareTimingStartsAFreshStintAndMeetsTheRule() {
        StintState s = new StintState();
        List<StintOutlook> calls = new ArrayList<>();
        for (int lap = 1; lap <= TOTAL_LAPS; lap++) {
            int age = lap <= 26 ? lap : lap - 26;
            LapTiming l = bareLap(lap, bareLapSeconds(lap, age, MEDIUM_DEGRADATION));
            l.pitIn = lap == 26;
            l.pitOut = lap == 27;
            calls.add(fold(s, l));
            if (lap == 26) {
                assertThat(s.stint).isEqualTo(2);
                assertThat(s.tyreAge).isZero();
            }
        }
        assertThat(s.tyreAge).isEqualTo(TOTAL_LAPS - 26);
        assertThat(calls.subList(26, calls.size()))
                .extracting(d -> d.call)
                .containsOnly(Call.STAY_OUT.name());
    }

    @Test
    void noisyLapTimesDoNotCallAnEarlyStop() {
        // Mediums degrading exactly as nominal, lap times scattered like a real driver's: no early
        // PREPARE from a few laps that happen to line up steeply.
        for (long seed = 0; seed < NOISE_SEEDS; seed++) {
            Random random = new Random(seed);
            StintState s = new StintState();
            for (int lap = 1; lap <= StintFit.nominalLifeLaps(Compound.MEDIUM) / 2; lap++) {
                LapTiming l = lapWithTyres(lap, "MEDIUM", lap, null, MEDIUM_DEGRADATION);
                l.lapTimeMs += Math.round(random.nextGaussian() * LAP_NOISE_SECONDS * 1000);
                StintOutlook d = fold(s, l);
                assertThat(d.call)
                        .as("seed %d lap %d: %s", seed, lap, d.reason)
                        .isEqualTo(Call.STAY_OUT.name());
            }
            assertThat(StintFit.cliffReached(s)).isFalse();
        }
    }

    // --- the figures behind the calls ------------------------------------------------------

    @Test
    void windowProbabilityIsAProbabilityThatFallsWithTheDistanceToTheStop() {
        int window = PARAMS.pitWindowLaps();
        double previous = 1.0;
        for (double laps = 0; laps <= 40; laps += 0.5) {
            double p = StrategyModel.windowProbability(laps, window);
            assertThat(p).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            assertThat(StrategyModel.windowProbability(laps, window + 1)).isGreaterThanOrEqualTo(p);
            previous = p;
        }
        assertThat(StrategyModel.windowProbability(0, window)).as("overdue").isGreaterThan(0.99);
        assertThat(StrategyModel.windowProbability(1, window)).isGreaterThan(0.99);
        assertThat(StrategyModel.windowProbability(30, window)).isLessThan(0.001);
        assertThat(StrategyModel.windowProbability(window + 1, window)).isBetween(0.3, 0.7);
    }

    @Test
    void stintHealthStaysWithinBoundsAndFallsWithWear() {
        StintState s = new StintState();
        double previous = 100;
        for (int lap = 1; lap <= 25; lap++) {
            StintOutlook d =
                    fold(
                            s,
                            lapWithTyres(
                                    lap, "SOFT", lap, SOFT_WEAR_PER_LAP * lap, SOFT_DEGRADATION));
            assertThat(d.stintHealth).isBetween(0.0, 100.0);
            if (lap > 2) { // the wear rate is known from the second lap
                assertThat(d.stintHealth).isLessThanOrEqualTo(previous);
            }
            previous = d.stintHealth;
        }
        StintState fresh = new StintState();
        assertThat(fold(fresh, lapWithTyres(1, "HARD", 1, 1.0, HARD_DEGRADATION)).stintHealth)
                .isGreaterThan(90);

        StintState worst = new StintState();
        worst.compound = "SOFT";
        worst.fuel = 1.0;
        worst.fuelPerLap = 2.0;
        worst.lastResidual = worst.previousResidual = 5;
        assertThat(StrategyModel.stintHealth(worst, 0, 1.0, -50)).isBetween(0.0, 5.0);
        assertThat(StrategyModel.stintHealth(fresh, 500, -1.0, 50)).isEqualTo(100.0);
    }

    @Test
    void undercutFlagsFollowTheGapsOnceTheTyresAreWorn() {
        StintState s = new StintState();
        StintOutlook d = null;
        for (int lap = 1; lap <= 20; lap++) {
            LapTiming l = lapWithTyres(lap, "MEDIUM", lap, null, MEDIUM_DEGRADATION);
            l.gapAhead = WITHIN_UNDERCUT_SECONDS;
            l.gapBehind = WITHIN_UNDERCUT_SECONDS;
            d = fold(s, l);
            if (lap < 5) {
                assertThat(d.undercutThreat || d.undercutOpportunity).isFalse();
            }
        }
        assertThat(d.undercutThreat).isTrue();
        assertThat(d.undercutOpportunity).isTrue();

        LapTiming leader = lapWithTyres(21, "MEDIUM", 21, null, MEDIUM_DEGRADATION);
        leader.gapAhead = null;
        leader.gapBehind = CLEAR_SECONDS;
        d = fold(s, leader);
        assertThat(d.undercutThreat).isFalse();
        assertThat(d.undercutOpportunity).isFalse();
    }

    /**
     * Bare timing: an out-lap 20 s off the pace that costs places is a stop (a new stint, tyre age
     * 1); a lap as slow that costs no place (a safety car, everyone slow) is not.
     */
    @Test
    void bareTimingInfersAStopFromAnOutLapThatLosesPlaces() {
        StintState s = new StintState();
        for (int lap = 1; lap <= 30; lap++) {
            double seconds = bareLapSeconds(lap, lap, 0.05);
            int position = 3;
            if (lap == 12) {
                seconds += 25; // a safety-car lap: slow, no place lost
            }
            if (lap == 21) {
                seconds += 20; // the out-lap
            }
            if (lap >= 21) {
                position = 7;
            }
            LapTiming l = bareLap(lap, seconds);
            l.position = position;
            StintFit.update(s, l, PARAMS);
            if (lap == 12) {
                assertThat(s.stint).as("after the slow lap at lap 12").isEqualTo(1);
            }
        }
        assertThat(s.stint).isEqualTo(2);
        assertThat(s.inferredStops).isEqualTo(1);
        assertThat(s.stintStartLap).isEqualTo(21);
        assertThat(s.tyreAge).isEqualTo(10);

        // With pit flags in the data, timing alone never starts a stint.
        StintState flagged = new StintState();
        for (int lap = 1; lap <= 30; lap++) {
            LapTiming l = bareLap(lap, bareLapSeconds(lap, lap, 0.05) + (lap == 21 ? 20 : 0));
            l.position = lap >= 21 ? 7 : 3;
            l.pitOut = lap == 1;
            StintFit.update(flagged, l, PARAMS);
        }
        assertThat(flagged.inferredStops).isZero();
    }
}
