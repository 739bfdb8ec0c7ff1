package dev.streamwall.pitwall.functions;

import static dev.streamwall.pitwall.Fixtures.LAP_MS;
import static dev.streamwall.pitwall.Fixtures.LEC;
import static dev.streamwall.pitwall.Fixtures.onTrack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamwall.common.state.WriteBehindHarness;
import dev.streamwall.common.time.WatermarkPace;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.TrackStatusChange;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class LapAggregatorTest {

    private static final long SAMPLE_MS = 100;

    private static KeyedOneInputStreamOperatorTestHarness<Integer, Telemetry, LapSummary> harness()
            throws Exception {
        return WriteBehindHarness.open(
                new LapAggregator(Duration.ofSeconds(60)), t -> t.car, Types.INT);
    }

    /** Drives one car from {@code fromMs} to {@code toMs} after the start at 10 Hz. */
    private static void drive(
            KeyedOneInputStreamOperatorTestHarness<Integer, Telemetry, LapSummary> h,
            long fromMs,
            long toMs,
            Consumer<Telemetry> change)
            throws Exception {
        for (long ms = fromMs; ms < toMs; ms += SAMPLE_MS) {
            Telemetry t = onTrack(LEC, ms);
            change.accept(t);
            h.processElement(t, t.ts);
        }
    }

    @Test
    void closesEachLapWhenTheNextStartsWithItsTimesAndFigures() throws Exception {
        try (var h = harness()) {
            drive(h, 0, (long) (2.5 * LAP_MS), t -> {});

            List<LapSummary> laps = h.extractOutputValues();
            assertThat(laps).extracting(l -> l.lap).containsExactly(1, 2);
            LapSummary first = laps.get(0);
            assertThat(first.lapTimeMs).isEqualTo(LAP_MS);
            assertThat(first.sector1Ms + first.sector2Ms + first.sector3Ms)
                    .isEqualTo(first.lapTimeMs);
            assertThat(first.sector1Ms)
                    .isCloseTo(Math.round(LAP_MS * 1900 / 5891.0), within(SAMPLE_MS));
            assertThat(first.samples).isEqualTo((int) (LAP_MS / SAMPLE_MS));
            assertThat(first.avgSpeed).isCloseTo(235.6, within(0.01));
            assertThat(first.fuelUsed)
                    .isCloseTo(0, within(0.01)); // fixture burns fuel per lap, not per sample
            assertThat(first.tyreWearDelta).isCloseTo(2.0, within(0.01));
            assertThat(first.peakBrakeTemp).isBetween(510.0, 512.0);
            assertThat(first.pitIn).isFalse();
            assertThat(first.trackStatus).isEqualTo("GREEN");
        }
    }

    @Test
    void provisionalLapsComeInArrivalOrderWithoutAWatermarkAndLeaveLateSamplesOut()
            throws Exception {
        List<Telemetry> samples = new java.util.ArrayList<>();
        for (long ms = 0; ms < (long) (2.5 * LAP_MS); ms += SAMPLE_MS) {
            samples.add(onTrack(LEC, ms));
        }
        // One sample of lap 1 arrives after the car's next ones.
        Telemetry held = samples.remove(100);
        samples.add(103, held);
        try (var provisional =
                        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                                LapAggregator.provisional(Duration.ofSeconds(60)),
                                (Telemetry t) -> t.car,
                                Types.INT);
                var fin = harness()) {
            for (Telemetry t : samples) {
                provisional.processElement(t, t.ts);
            }
            // No watermark at all: each lap closed with the first sample of the next.
            List<LapSummary> early = provisional.extractOutputValues();
            assertThat(early).extracting(l -> l.lap).containsExactly(1, 2);
            // And a strategy input per lap, for the provisional calls, in the same order.
            assertThat(provisional.getSideOutput(LapAggregator.STRATEGY_INPUTS))
                    .extracting(r -> r.getValue().lap.lap)
                    .containsExactly(1, 2);

            // The final operator, fed the same samples in event-time order.
            samples.sort(java.util.Comparator.comparingLong(t -> t.ts));
            for (Telemetry t : samples) {
                fin.processElement(t, t.ts);
            }
            List<LapSummary> last = fin.extractOutputValues();
            assertThat(last).extracting(l -> l.lap).containsExactly(1, 2);
            // Lap 1 lacks the held sample provisionally; lap 2 is the same.
            assertThat(early.get(0).samples).isEqualTo(last.get(0).samples - 1);
            assertThat(early.get(1))
                    .usingRecursiveComparison()
                    .ignoringFields("receivedAt")
                    .isEqualTo(last.get(1));
        }
    }

    @Test
    void ignoresALapJoinedMidWay() throws Exception {
        try (var h = harness()) {
            drive(h, LAP_MS / 2, (long) (2.2 * LAP_MS), t -> {});
            assertThat(h.extractOutputValues()).extracting(l -> l.lap).containsExactly(2);
        }
    }

    @Test
    void reportsTrackStatusChangesAndTheWorstStatusOfALap() throws Exception {
        try (var h = harness()) {
            drive(
                    h,
                    0,
                    (long) (1.1 * LAP_MS),
                    t -> {
                        long ms = t.ts - dev.streamwall.pitwall.Fixtures.RACE_START;
                        if (ms >= 30_000 && ms < 50_000) {
                            t.trackStatus = "VSC";
                        }
                    });
            assertThat(h.getSideOutput(LapAggregator.STRATEGY_INPUTS))
                    .extracting(r -> r.getValue())
                    .extracting(
                            in ->
                                    in.lap != null
                                            ? "lap " + in.lap.lap
                                            : in.change.from + ">" + in.change.to)
                    .as("each input once, in event-time order")
                    .containsExactly("GREEN>VSC", "VSC>GREEN", "lap 1");
            TrackStatusChange first =
                    h.getSideOutput(LapAggregator.STRATEGY_INPUTS).peek().getValue().change;
            // It counts from the second sample that shows it: one sample later.
            assertThat(first.ts)
                    .isEqualTo(dev.streamwall.pitwall.Fixtures.RACE_START + 30_000 + SAMPLE_MS);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(l -> assertThat(l.trackStatus).isEqualTo("VSC"));
        }
    }

    /**
     * One forged sample cannot change a decision: a lap number three ahead is held back (the laps
     * are those of a clean run), a one-sample safety car is no status change; both are counted.
     */
    @Test
    void aSingleSampleCannotJumpALapOrCallASafetyCar() throws Exception {
        List<LapSummary> clean;
        try (var h = harness()) {
            drive(h, 0, (long) (3.5 * LAP_MS), t -> {});
            clean = h.extractOutputValues();
        }
        try (var h = harness()) {
            drive(
                    h,
                    0,
                    (long) (3.5 * LAP_MS),
                    t -> {
                        long ms = t.ts - dev.streamwall.pitwall.Fixtures.RACE_START;
                        if (ms == LAP_MS + 40_000) {
                            t.lap += 3;
                        }
                        if (ms == 2 * LAP_MS + 20_000) {
                            t.trackStatus = "SC";
                        }
                    });
            assertThat(h.extractOutputValues())
                    .extracting(l -> l.lap + "/" + l.lapTimeMs + "/" + l.trackStatus)
                    .isEqualTo(
                            clean.stream()
                                    .map(l -> l.lap + "/" + l.lapTimeMs + "/" + l.trackStatus)
                                    .toList());
            assertThat(h.getSideOutput(LapAggregator.STRATEGY_INPUTS))
                    .extracting(r -> r.getValue())
                    .allSatisfy(in -> assertThat(in.change).isNull());
        }
        // The same samples through the plain step: what was held back is counted.
        int[] counted = new int[2];
        LapTracker car = new LapTracker(null, null);
        LapTracker.Sink sink =
                new LapTracker.Sink() {
                    @Override
                    public void lap(LapSummary lap) {}

                    @Override
                    public void strategy(dev.streamwall.pitwall.records.StrategyInput input) {}

                    @Override
                    public void implausibleLap(Telemetry t) {
                        counted[0]++;
                    }

                    @Override
                    public void statusFlipIgnored(Telemetry t) {
                        counted[1]++;
                    }
                };
        for (long ms = 0; ms < 3 * LAP_MS; ms += SAMPLE_MS) {
            Telemetry t = onTrack(LEC, ms);
            if (ms == LAP_MS + 40_000) {
                t.lap += 3;
            }
            if (ms == 2 * LAP_MS + 20_000) {
                t.trackStatus = "SC";
            }
            car.accept(t, sink);
        }
        assertThat(counted).containsExactly(1, 1);
    }

    /** A real jump (two samples in a row agree) is followed: a dropout of a whole lap. */
    @Test
    void aLapJumpTwoSamplesAgreeOnIsFollowed() throws Exception {
        try (var h = harness()) {
            // The car's data stops half-way round lap 2 and resumes on lap 4.
            drive(h, 0, LAP_MS + 40_000, t -> {});
            drive(h, 3 * LAP_MS + 10_000, (long) (5.5 * LAP_MS), t -> {});
            assertThat(h.extractOutputValues())
                    .extracting(l -> l.lap)
                    .as("lap 1; lap 4 joined mid-way (not closed); lap 5")
                    .containsExactly(1, 5);
        }
    }

    @Test
    void marksPitLapsAndForgetsTheCarAfterTheFlag() throws Exception {
        try (var h = harness()) {
            drive(
                    h,
                    0,
                    (long) (3.05 * LAP_MS),
                    t -> {
                        t.totalLaps = 2;
                        long ms = t.ts - dev.streamwall.pitwall.Fixtures.RACE_START;
                        t.inPit =
                                ms > 170_000
                                        && ms < 185_000; // in at the end of lap 2, out on lap 3
                    });
            List<LapSummary> laps = h.extractOutputValues();
            assertThat(laps).extracting(l -> l.lap).containsExactly(1, 2);
            assertThat(laps.get(1).pitIn).isTrue();
            assertThat(WriteBehindHarness.stateEntries(h)).isPositive();

            h.processWatermark(dev.streamwall.pitwall.Fixtures.RACE_START + 3 * LAP_MS + 120_000);
            assertThat(WriteBehindHarness.stateEntries(h)).isZero();
        }
    }

    @Test
    void aFinishedCarThatSendsAgainStartsAfreshWhetherOrNotItsTimerFiredFirst() throws Exception {
        assertThat(WatermarkPace.sameEitherWay(LapAggregatorTest::nextSession))
                .hasSizeGreaterThan(1);
    }

    /**
     * The laps and status changes of a car that took the chequered flag and, two minutes later,
     * drives the next session under the same number from lap 1.
     */
    private static List<String> nextSession(boolean timerFirst) throws Exception {
        try (var h = harness()) {
            drive(
                    h,
                    0,
                    (long) (2.05 * LAP_MS),
                    t -> {
                        t.totalLaps = 1;
                        if (t.lap > 1) {
                            t.trackStatus = "CHEQUERED";
                        }
                    });
            assertThat(h.extractOutputValues()).extracting(l -> l.lap).containsExactly(1);
            long back = (long) (2.05 * LAP_MS) + 120_000;
            if (timerFirst) {
                h.processWatermark(dev.streamwall.pitwall.Fixtures.RACE_START + back - 1);
            }
            drive(
                    h,
                    back,
                    back + (long) (2.05 * LAP_MS),
                    t -> {
                        t.lap -= (int) (back / LAP_MS);
                        t.totalLaps = 5;
                    });
            h.processWatermark(Long.MAX_VALUE);
            List<String> seen = new java.util.ArrayList<>();
            for (LapSummary l : h.extractOutputValues()) {
                seen.add(l.lap + "@" + l.lapStartTs + " " + l.lapTimeMs + " " + l.samples);
            }
            for (var r : h.getSideOutput(LapAggregator.STRATEGY_INPUTS)) {
                if (r.getValue().change != null) {
                    var c = r.getValue().change;
                    seen.add(c.ts + " " + c.from + " -> " + c.to);
                }
            }
            return seen;
        }
    }
}
