package dev.streamwall.pitwall.functions.strategy;

import static dev.streamwall.pitwall.Fixtures.LAP_MS;
import static dev.streamwall.pitwall.Fixtures.LEC;
import static dev.streamwall.pitwall.Fixtures.RACE;
import static dev.streamwall.pitwall.Fixtures.RACE_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamwall.pitwall.Fixtures;
import dev.streamwall.pitwall.records.Call;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.records.StintOutlook;
import dev.streamwall.pitwall.records.StrategyDecision;
import dev.streamwall.pitwall.records.StrategyInput;
import dev.streamwall.pitwall.records.TrackStatusChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of the strategy operator: when it calls, what it keeps and when it forgets a car.
 */
class StrategyFunctionTest {

    private static final StrategyParameters PARAMS = StrategyParameters.defaults();
    private static final double FUEL_EFFECT = PARAMS.fuelEffectSecondsPerKg();

    /** Race length and fuel load of {@link Fixtures#lap}: 52 laps, 100 - 1.9 n kg after lap n. */
    private static final int TOTAL_LAPS = 52;

    private static final double FIXTURE_START_FUEL_KG = 100.0;
    private static final double FIXTURE_BURN_KG_PER_LAP = 1.9;
    private static final Duration FINISHED_RETENTION = Duration.ofSeconds(60);
    private static final long RETENTION_MS = FINISHED_RETENTION.toMillis();
    private static final int SHORT_RACE_LAPS = 5;
    private static final double BASE_LAP_SECONDS = 90.0;
    private static final double MEDIUM_DEGRADATION = 0.05;
    private static final long MID_LAP_MS = LAP_MS / 2;

    private static KeyedOneInputStreamOperatorTestHarness<Integer, StrategyInput, StrategyDecision>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new StrategyFunction(PARAMS, FINISHED_RETENTION), StrategyInput::car, Types.INT);
    }

    /** A green lap on mediums, {@code age} laps old at its end, carrying the fixture's fuel. */
    private static LapTiming medium(int lap, int age) {
        double fuel = FIXTURE_START_FUEL_KG - FIXTURE_BURN_KG_PER_LAP * lap;
        double seconds = BASE_LAP_SECONDS + MEDIUM_DEGRADATION * age + FUEL_EFFECT * fuel;
        return Fixtures.lap(LEC, lap, seconds, "MEDIUM", age, null);
    }

    /**
     * A lap as recorded timing reports it (no tyre or fuel data), from a car burning fuel evenly.
     */
    private static LapTiming bare(int lap, int age) {
        double fuel = PARAMS.startFuelKg() * (1.0 - (double) lap / TOTAL_LAPS);
        double seconds = BASE_LAP_SECONDS + MEDIUM_DEGRADATION * age + FUEL_EFFECT * fuel;
        LapTiming l = Fixtures.lap(LEC, lap, seconds, null, null, null);
        l.fuel = null;
        return l;
    }

    private static long lapEnd(int lap) {
        return RACE_START + lap * LAP_MS;
    }

    private static TrackStatusChange change(long ts, int lap, String from, String to) {
        return new TrackStatusChange(RACE, LEC, ts, lap, from, to);
    }

    private static void push(
            KeyedOneInputStreamOperatorTestHarness<Integer, StrategyInput, StrategyDecision> h,
            LapTiming lap)
            throws Exception {
        push(h, StrategyInput.of(lap), lap.lapEndTs);
    }

    /** An input, and the watermark that passes it: the stage applies it then. */
    private static void push(
            KeyedOneInputStreamOperatorTestHarness<Integer, StrategyInput, StrategyDecision> h,
            StrategyInput in,
            long ts)
            throws Exception {
        h.processElement(in, ts);
        h.processWatermark(new Watermark(ts));
    }

    /** A status change, applied as it comes. */
    private static void pushChange(
            KeyedOneInputStreamOperatorTestHarness<Integer, StrategyInput, StrategyDecision> h,
            TrackStatusChange change)
            throws Exception {
        push(h, StrategyInput.of(change), change.ts);
    }

    private static List<StreamRecord<StintOutlook>> outlookRecords(
            KeyedOneInputStreamOperatorTestHarness<Integer, StrategyInput, StrategyDecision> h) {
        var out = h.getSideOutput(StrategyFunction.OUTLOOK);
        return out == null ? List.of() : new ArrayList<>(out);
    }

    private static List<StintOutlook> outlooks(
            KeyedOneInputStreamOperatorTestHarness<Integer, StrategyInput, StrategyDecision> h) {
        return outlookRecords(h).stream().map(StreamRecord::getValue).toList();
    }

    private static StintOutlook last(
            KeyedOneInputStreamOperatorTestHarness<Integer, StrategyInput, StrategyDecision> h) {
        List<StintOutlook> out = outlooks(h);
        return out.get(out.size() - 1);
    }

    @Test
    void appliesEachCarsInputsInEventTimeOrderOnceTheWatermarkPassesThem() throws Exception {
        try (var h = harness()) {
            h.processElement(StrategyInput.of(medium(1, 1)), lapEnd(1));
            assertThat(outlooks(h)).as("no watermark yet").isEmpty();
            h.processWatermark(new Watermark(lapEnd(1)));
            assertThat(outlooks(h)).extracting(d -> d.trigger).containsExactly("LAP");

            // The car's next race arrives (from another task of the field stage) before the
            // rest of this one: it waits for its time.
            LapTiming nextRace = medium(1, 1);
            nextRace.raceId = "next-race";
            nextRace.lapEndTs = lapEnd(1) + Duration.ofDays(1).toMillis();
            h.processElement(StrategyInput.of(nextRace), nextRace.lapEndTs);
            long midLap = lapEnd(1) + MID_LAP_MS;
            h.processElement(StrategyInput.of(change(midLap, 2, "GREEN", "SC")), midLap);
            h.processElement(StrategyInput.of(medium(2, 2)), lapEnd(2));
            h.processWatermark(new Watermark(nextRace.lapEndTs));

            assertThat(outlooks(h))
                    .extracting(d -> d.raceId + "/" + d.trigger + "/" + d.lap)
                    .containsExactly(
                            RACE + "/LAP/2",
                            RACE + "/TRACK_STATUS/2",
                            RACE + "/LAP/3",
                            "next-race/LAP/2");
        }
    }

    @Test
    void atOnceAppliesEachInputAsItComesWithTheSameCalls() throws Exception {
        try (var held = harness();
                var atOnce =
                        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                                StrategyFunction.atOnce(PARAMS, FINISHED_RETENTION),
                                StrategyInput::car,
                                Types.INT)) {
            for (int lap = 1; lap <= 30; lap++) {
                push(held, medium(lap, lap));
                atOnce.processElement(StrategyInput.of(medium(lap, lap)), lapEnd(lap));
                // No watermark for the provisional calls: each lap's outlook at once.
                assertThat(outlooks(atOnce)).hasSize(lap);
            }
            assertThat(atOnce.extractOutputValues())
                    .as("calls")
                    .isNotEmpty()
                    .usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(held.extractOutputValues());
        }
    }

    @Test
    void anOutlookAfterEveryLapAndOnEveryTrackStatusChange() throws Exception {
        try (var h = harness()) {
            for (int lap = 1; lap <= 3; lap++) {
                push(h, medium(lap, lap));
            }
            pushChange(h, change(lapEnd(3) + MID_LAP_MS, 4, "GREEN", "YELLOW"));

            List<StreamRecord<StintOutlook>> out = outlookRecords(h);
            assertThat(out)
                    .extracting(r -> r.getValue().trigger)
                    .containsExactly("LAP", "LAP", "LAP", "TRACK_STATUS");
            assertThat(out).extracting(r -> r.getValue().lap).containsExactly(2, 3, 4, 4);
            assertThat(out)
                    .extracting(StreamRecord::getTimestamp)
                    .containsExactly(lapEnd(1), lapEnd(2), lapEnd(3), lapEnd(3) + MID_LAP_MS);
            assertThat(out).extracting(r -> r.getValue().call).containsOnly(Call.STAY_OUT.name());
            assertThat(h.extractOutputValues()).as("no stop due: no decision").isEmpty();
            StintOutlook first = out.get(0).getValue();
            assertThat(first.raceId).isEqualTo(RACE);
            assertThat(first.car).isEqualTo(LEC);
            assertThat(first.stint).isEqualTo(1);
            assertThat(first.tyreCompound).isEqualTo("MEDIUM");
            assertThat(first.ts).isEqualTo(lapEnd(1));
            assertThat(out.get(3).getValue().trackStatus).isEqualTo("YELLOW");
        }
    }

    @Test
    void ignoresAReplayedLapAndAStatusChangeBeforeTheFirstLap() throws Exception {
        try (var h = harness()) {
            pushChange(h, change(RACE_START + 1_000, 1, "GREEN", "VSC"));
            assertThat(outlooks(h)).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();

            push(h, medium(1, 1));
            push(h, medium(1, 1));
            assertThat(outlooks(h)).hasSize(1);
        }
    }

    @Test
    void aSafetyCarMakesAStopCheapUntilItEndsMidLap() throws Exception {
        try (var h = harness()) {
            for (int lap = 1; lap <= 14; lap++) {
                push(h, medium(lap, lap));
            }
            long scOut = lapEnd(14) + 10_000;
            pushChange(h, change(scOut, 15, "GREEN", "SC"));
            assertThat(last(h).call).isEqualTo(Call.BOX_OPPORTUNITY.name());
            assertThat(last(h).trigger).isEqualTo("TRACK_STATUS");

            long scIn = lapEnd(14) + MID_LAP_MS;
            pushChange(h, change(scIn, 15, "SC", "GREEN"));
            assertThat(last(h).call).isEqualTo(Call.STAY_OUT.name());

            // The lap reports the worst status it saw, but the track has been green since mid-lap.
            LapTiming lap15 = medium(15, 15);
            lap15.trackStatus = "SC";
            push(h, lap15);
            assertThat(last(h).call).isEqualTo(Call.STAY_OUT.name());
            assertThat(last(h).trackStatus).isEqualTo("GREEN");

            // Without a change during a lap, the lap's status stands: a safety-car lap is one.
            LapTiming lap16 = medium(16, 16);
            lap16.trackStatus = "SC";
            push(h, lap16);
            assertThat(last(h).call).isEqualTo(Call.BOX_OPPORTUNITY.name());

            // Each neutralisation is one decision, withdrawn when it ends without a stop.
            assertThat(h.extractOutputValues())
                    .extracting(d -> d.call + "@" + d.lap)
                    .containsExactly(
                            "BOX_OPPORTUNITY@15",
                            StrategyDecision.WITHDRAWN + "@15",
                            "BOX_OPPORTUNITY@17");
            assertThat(h.extractOutputValues())
                    .extracting(d -> d.callId)
                    .containsOnly(RACE + "/" + LEC + "/1");
            assertThat(h.extractOutputValues().get(1).reason)
                    .isEqualTo("the neutralisation ended without a stop");
        }
    }

    @Test
    void forgetsTheCarAWhileAfterItsFinish() throws Exception {
        try (var h = harness()) {
            for (int lap = 1; lap <= SHORT_RACE_LAPS; lap++) {
                LapTiming l = medium(lap, lap);
                l.totalLaps = SHORT_RACE_LAPS;
                push(h, l);
            }
            assertThat(last(h).call).isEqualTo(Call.STAY_OUT.name());
            assertThat(last(h).reason).isEqualTo("race over");
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);

            long finish = lapEnd(SHORT_RACE_LAPS);
            pushChange(h, change(finish + 1_000, SHORT_RACE_LAPS + 1, "GREEN", "CHEQUERED"));
            assertThat(outlooks(h)).hasSize(SHORT_RACE_LAPS);

            h.processWatermark(new Watermark(finish + RETENTION_MS - 1));
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(new Watermark(finish + RETENTION_MS));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void theChequeredFlagMidLapKeepsTheCarUntilItsLastLapIsIn() throws Exception {
        try (var h = harness()) {
            for (int lap = 1; lap < SHORT_RACE_LAPS; lap++) {
                LapTiming l = medium(lap, lap);
                l.totalLaps = SHORT_RACE_LAPS;
                push(h, l);
            }
            // The leader takes the flag longer after this car's previous lap than the retention.
            long flag = lapEnd(SHORT_RACE_LAPS - 1) + RETENTION_MS + 5_000;
            pushChange(h, change(flag, SHORT_RACE_LAPS, "GREEN", "CHEQUERED"));
            LapTiming last = medium(SHORT_RACE_LAPS, SHORT_RACE_LAPS);
            last.totalLaps = SHORT_RACE_LAPS;
            push(h, last);

            StintOutlook end = last(h);
            assertThat(end.reason).isEqualTo("race over");
            assertThat(end.trackStatus).isEqualTo("CHEQUERED");
            assertThat(end.stint).as("the stint of the whole race, not a fresh one").isEqualTo(1);
            assertThat(end.degradationPerLap).isCloseTo(MEDIUM_DEGRADATION, within(0.01));
        }
    }

    @Test
    void forgetsALappedCarThatTookTheFlagALapShort() throws Exception {
        try (var h = harness()) {
            for (int lap = 1; lap < SHORT_RACE_LAPS; lap++) {
                LapTiming l = medium(lap, lap);
                l.totalLaps = SHORT_RACE_LAPS;
                l.trackStatus = lap == SHORT_RACE_LAPS - 1 ? "CHEQUERED" : "GREEN";
                push(h, l);
            }
            assertThat(last(h).reason).isEqualTo("race over");

            long finish = lapEnd(SHORT_RACE_LAPS - 1);
            h.processWatermark(new Watermark(finish + RETENTION_MS));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void forgetsARetiredCarAfterTheLongestARaceMayLast() throws Exception {
        try (var h = harness()) {
            for (int lap = 1; lap <= 10; lap++) {
                push(h, medium(lap, lap));
            }
            assertThat(h.numEventTimeTimers()).as("one pending retirement check").isEqualTo(1);

            long retiredAt = lapEnd(10) + StrategyFunction.RETIRED_AFTER.toMillis();
            h.processWatermark(new Watermark(retiredAt - 1));
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(new Watermark(retiredAt));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    /** Other cars seen to stop during the lap two before the car's own stop. */
    private static final int FIELD_STOPS = 3;

    /**
     * A race of timing laps with pit flags but no tyre data, the car stopping once at the end of
     * {@code stopLap}; {@link #FIELD_STOPS} other cars stopped while it drove lap {@code stopLap -
     * 2}.
     */
    private static void raceWithOneStop(
            KeyedOneInputStreamOperatorTestHarness<Integer, StrategyInput, StrategyDecision> h,
            int stopLap)
            throws Exception {
        for (int lap = 1; lap <= TOTAL_LAPS; lap++) {
            LapTiming l = bare(lap, lap <= stopLap ? lap : lap - stopLap);
            l.pitIn = lap == stopLap;
            l.pitOut = lap == stopLap + 1;
            StrategyInput in = StrategyInput.of(l);
            in.fieldStops = lap == stopLap - 2 ? FIELD_STOPS : 0;
            push(h, in, l.lapEndTs);
        }
    }

    @Test
    void recordedTimingWithoutTyreOrFuelDataStillGivesSensibleCalls() throws Exception {
        int stopLap = 26;
        try (var h = harness()) {
            raceWithOneStop(h, stopLap);
            List<StintOutlook> calls = outlooks(h);
            assertThat(calls).hasSize(TOTAL_LAPS);
            assertThat(calls)
                    .allSatisfy(
                            d -> {
                                assertThat(d.reason).doesNotContain("null");
                                assertThat(d.fuelToFlag).isNull();
                                assertThat(d.stintHealth).isBetween(0.0, 100.0);
                            });
            // Early in the race a stop is unlikely; the history model opens the window from
            // about a sixth of the race on, and the field's stops make it a box call.
            assertThat(calls.subList(0, 8))
                    .extracting(d -> d.call)
                    .containsOnly(Call.STAY_OUT.name());
            assertThat(calls.subList(0, stopLap - 3))
                    .extracting(d -> d.call)
                    .contains(Call.PREPARE.name())
                    .doesNotContain(Call.BOX_NOW.name());
            assertThat(calls.get(stopLap - 3).call).isEqualTo(Call.BOX_NOW.name());
            assertThat(calls.get(stopLap - 3).reason)
                    .startsWith("stop likely: ")
                    .contains(FIELD_STOPS + " other cars stopped during the lap");
            assertThat(calls.get(stopLap - 1).stint).isEqualTo(2);
            assertThat(calls.subList(stopLap, calls.size()))
                    .extracting(d -> d.call)
                    .containsOnly(Call.STAY_OUT.name());
            assertThat(calls.subList(stopLap, calls.size()))
                    .extracting(d -> d.windowFrom)
                    .as("the last stint reaches the flag: no window")
                    .containsOnlyNulls();
        }
    }

    @Test
    void oneCallPerStopOpenedWithItsWindowAdvancedOnceAndClosedByTheStop() throws Exception {
        int stopLap = 26;
        try (var h = harness()) {
            raceWithOneStop(h, stopLap);
            List<StrategyDecision> steps = h.extractOutputValues();
            assertThat(steps).extracting(d -> d.callId).containsOnly(RACE + "/" + LEC + "/1");
            assertThat(steps)
                    .extracting(d -> d.call)
                    .as("PREPARE, then at most one BOX_NOW, then the stop")
                    .containsExactly("PREPARE", "BOX_NOW", StrategyDecision.PITTED);
            StrategyDecision prepare = steps.get(0);
            assertThat(prepare.fromLap).isGreaterThanOrEqualTo(prepare.lap);
            assertThat(prepare.toLap).isGreaterThanOrEqualTo(prepare.fromLap);
            assertThat(prepare.probability).isBetween(0.0, 1.0);
            StrategyDecision box = steps.get(1);
            assertThat(box.fromLap).isEqualTo(box.lap).isEqualTo(box.toLap);
            StrategyDecision pitted = steps.get(2);
            assertThat(pitted.fromLap).isEqualTo(stopLap).isEqualTo(pitted.toLap);
            assertThat(pitted.reason)
                    .startsWith("pitted at the end of lap " + stopLap + ", ")
                    .contains("after the BOX_NOW call on lap " + box.lap);
        }
    }

    @Test
    void aBoxCallTheCarIgnoresIsWithdrawnOnceAStopIsNoLongerExpected() throws Exception {
        try (var h = harness()) {
            for (int lap = 1; lap <= TOTAL_LAPS; lap++) {
                LapTiming l = bare(lap, lap);
                StrategyInput in = StrategyInput.of(l);
                // The field stops around the car on lap 20 and lap 22; it stays out.
                in.fieldStops = lap == 20 || lap == 22 ? FIELD_STOPS : 0;
                push(h, in, l.lapEndTs);
            }
            List<StrategyDecision> steps = h.extractOutputValues();
            assertThat(steps).isNotEmpty();
            StrategyDecision end = steps.get(steps.size() - 1);
            assertThat(end.call).isEqualTo(StrategyDecision.WITHDRAWN);
            assertThat(end.reason).startsWith("no stop expected before the flag: ");
            assertThat(end.fromLap).isNull();
            assertThat(steps.stream().filter(d -> d.call.equals("BOX_NOW")).count())
                    .as("a BOX_NOW the car ignores is not repeated lap after lap")
                    .isEqualTo(1);
        }
    }
}
