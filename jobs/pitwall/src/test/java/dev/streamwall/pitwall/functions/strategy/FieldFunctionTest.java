package dev.streamwall.pitwall.functions.strategy;

import static dev.streamwall.pitwall.Fixtures.HAM;
import static dev.streamwall.pitwall.Fixtures.LEC;
import static dev.streamwall.pitwall.Fixtures.RACE;
import static dev.streamwall.pitwall.Fixtures.RACE_START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.time.WatermarkPace;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.records.StrategyInput;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class FieldFunctionTest {

    private static final long LAP_MS = 90_000;
    private static final int LAPS = 7;

    /** Hamilton's out-lap after his stop: 20 s off his pace, from 2nd to 6th. */
    private static final int OUT_LAP = 5;

    private static final long PIT_LOSS_MS = 20_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, StrategyInput, StrategyInput>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new FieldFunction(), StrategyInput::race, Types.STRING);
    }

    /** Bare timing: a lap of {@code car}, ending {@code offsetMs} behind the leader's. */
    private static LapTiming lap(int car, int lap, long offsetMs, long lapMs, int position) {
        LapTiming l = new LapTiming();
        l.raceId = RACE;
        l.car = car;
        l.lap = lap;
        l.totalLaps = 52;
        l.lapTimeMs = lapMs;
        l.lapEndTs = RACE_START + lap * LAP_MS + offsetMs;
        l.position = position;
        return l;
    }

    /** Leclerc leads on an even pace; Hamilton, a second behind, stops at the end of lap 4. */
    private static List<LapTiming> race() {
        List<LapTiming> laps = new ArrayList<>();
        for (int n = 1; n <= LAPS; n++) {
            laps.add(lap(LEC, n, 0, LAP_MS, 1));
            boolean after = n >= OUT_LAP;
            laps.add(
                    lap(
                            HAM,
                            n,
                            1_000 + (after ? PIT_LOSS_MS : 0),
                            n == OUT_LAP ? LAP_MS + PIT_LOSS_MS : LAP_MS,
                            after ? 6 : 2));
        }
        return laps;
    }

    /** Field counts by car and lap, "car/lap=n", after feeding {@code laps} in that order. */
    private static List<String> counts(List<LapTiming> laps) throws Exception {
        try (var h = harness()) {
            for (LapTiming l : laps) {
                h.processElement(StrategyInput.of(l), l.lapEndTs);
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            return countsOf(h.extractOutputValues());
        }
    }

    /** Field counts by car and lap, "car/lap=n". */
    private static List<String> countsOf(List<StrategyInput> out) {
        return out.stream().map(in -> in.lap.car + "/" + in.lap.lap + "=" + in.fieldStops).toList();
    }

    @Test
    void aLapCountsTheOtherCarsStopsThatEndedWhileItWasDriven() throws Exception {
        List<String> counts = counts(race());

        assertThat(counts).hasSize(2 * LAPS);
        // Hamilton's out-lap ends 21 s into Leclerc's lap 6: that lap, and only it, counts it.
        assertThat(counts).contains(LEC + "/6=1", LEC + "/5=0", LEC + "/7=0");
        assertThat(counts).filteredOn(c -> c.startsWith(HAM + "/")).allMatch(c -> c.endsWith("=0"));
        assertThat(counts).filteredOn(c -> c.endsWith("=1")).hasSize(1);
    }

    @Test
    void theCountsAndTheirOrderDoNotDependOnTheOrderTheCarsArrive() throws Exception {
        List<LapTiming> interleaved = race();
        List<LapTiming> hamiltonFirst = new ArrayList<>();
        interleaved.stream().filter(l -> l.car == HAM).forEach(hamiltonFirst::add);
        interleaved.stream().filter(l -> l.car == LEC).forEach(hamiltonFirst::add);

        List<LapTiming> leclercFirst = new ArrayList<>();
        interleaved.stream().filter(l -> l.car == LEC).forEach(leclercFirst::add);
        interleaved.stream().filter(l -> l.car == HAM).forEach(leclercFirst::add);

        assertThat(counts(hamiltonFirst)).isEqualTo(counts(interleaved));
        assertThat(counts(leclercFirst)).isEqualTo(counts(interleaved));
    }

    @Test
    void aFlaggedInLapCountsAtItsEndAndASlowLapKeepingItsPlaceIsNoStop() throws Exception {
        List<LapTiming> laps = new ArrayList<>();
        for (int n = 1; n <= LAPS; n++) {
            laps.add(lap(LEC, n, 0, LAP_MS, 1));
            LapTiming ham = lap(HAM, n, 1_000, LAP_MS, 2);
            ham.pitIn = n == 3;
            laps.add(ham);
            // Verstappen: a lap 25 s slow in third place, no place lost (a spin, traffic).
            laps.add(lap(1, n, n >= 4 ? 27_000 : 2_000, n == 4 ? LAP_MS + 25_000 : LAP_MS, 3));
        }
        List<String> counts = counts(laps);
        // Hamilton's in-lap ends 1 s into Leclerc's lap 4 and 1 s before Verstappen's lap 3 ends.
        assertThat(counts).contains(LEC + "/4=1", "1/3=1", LEC + "/3=0", "1/4=0");
        assertThat(counts).filteredOn(c -> c.endsWith("=1")).hasSize(2);
    }

    @Test
    void atOnceEachInputLeavesAsItComesCountingTheStopsThatCameBeforeIt() throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        FieldFunction.atOnce(), StrategyInput::race, Types.STRING)) {
            // In event-time order, without any watermark: the counts of the held function.
            for (LapTiming l : race()) {
                h.processElement(StrategyInput.of(l), l.lapEndTs);
            }
            assertThat(
                            h.extractOutputValues().stream()
                                    .map(in -> in.lap.car + "/" + in.lap.lap + "=" + in.fieldStops)
                                    .toList())
                    .isEqualTo(counts(race()));
        }
        // Leclerc's lap 6 arriving before Hamilton's out-lap, which ended during it, misses it.
        List<LapTiming> leclercAhead = new ArrayList<>();
        race().stream().filter(l -> l.car == LEC).forEach(leclercAhead::add);
        race().stream().filter(l -> l.car == HAM).forEach(leclercAhead::add);
        try (var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        FieldFunction.atOnce(), StrategyInput::race, Types.STRING)) {
            for (LapTiming l : leclercAhead) {
                h.processElement(StrategyInput.of(l), l.lapEndTs);
            }
            assertThat(h.extractOutputValues()).extracting(in -> in.fieldStops).containsOnly(0);
        }
    }

    @Test
    void aRaceOverForLongIsForgotten() throws Exception {
        try (var h = harness()) {
            for (LapTiming l : race()) {
                h.processElement(StrategyInput.of(l), l.lapEndTs);
            }
            h.processWatermark(new Watermark(RACE_START + LAPS * LAP_MS + 60_000));
            assertThat(h.numKeyedStateEntries()).isPositive();
            h.processWatermark(
                    new Watermark(
                            RACE_START
                                    + LAPS * LAP_MS
                                    + 60_000
                                    + FieldFunction.RACE_IDLE.toMillis()));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aRaceRunAgainAfterItsIdleTimeIsCountedAfreshWhetherOrNotTheTimerFiredFirst()
            throws Exception {
        assertThat(WatermarkPace.sameEitherWay(FieldFunctionTest::raceRunAgain))
                .isEqualTo(counts(race()));
    }

    /** The counts of the race's laps run again, under the same race id, four hours on. */
    private static List<String> raceRunAgain(boolean timerFirst) throws Exception {
        long later = FieldFunction.RACE_IDLE.toMillis() + 3_600_000;
        try (var h = harness()) {
            for (LapTiming l : race()) {
                h.processElement(StrategyInput.of(l), l.lapEndTs);
            }
            if (timerFirst) {
                h.processWatermark(new Watermark(RACE_START + later - 1));
            }
            for (LapTiming l : race()) {
                l.lapEndTs += later;
                h.processElement(StrategyInput.of(l), l.lapEndTs);
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            return countsOf(
                    h.extractOutputValues().stream()
                            .filter(in -> in.lap.lapEndTs >= RACE_START + later)
                            .toList());
        }
    }

    @Test
    void anInputExactlyAnIdleTimeAfterTheLastLeavesWhenTheWatermarkPassesIt() throws Exception {
        try (var h = harness()) {
            LapTiming first = lap(LEC, 1, 0, LAP_MS, 1);
            LapTiming next = lap(LEC, 2, 0, LAP_MS, 1);
            next.lapEndTs = first.lapEndTs + FieldFunction.RACE_IDLE.toMillis();
            h.processElement(StrategyInput.of(first), first.lapEndTs);
            h.processElement(StrategyInput.of(next), next.lapEndTs);
            h.processWatermark(new Watermark(next.lapEndTs));
            assertThat(h.extractOutputValues()).extracting(in -> in.lap.lap).containsExactly(1, 2);
        }
    }
}
