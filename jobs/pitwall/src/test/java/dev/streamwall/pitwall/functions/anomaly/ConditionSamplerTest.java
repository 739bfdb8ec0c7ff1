package dev.streamwall.pitwall.functions.anomaly;

import static dev.streamwall.pitwall.Fixtures.HAM;
import static dev.streamwall.pitwall.Fixtures.LEC;
import static dev.streamwall.pitwall.Fixtures.RACE_START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.state.WriteBehindHarness;
import dev.streamwall.common.time.WatermarkPace;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.Fixtures;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.AlertType;
import dev.streamwall.pitwall.records.CarCondition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Harness tests of the per-second sampler and its dropout alerts. */
class ConditionSamplerTest {

    private static final Duration SILENCE = Duration.ofSeconds(2);
    private static final Duration FINISHED_RETENTION = Duration.ofSeconds(60);
    private static final long SAMPLE_MS = 20;
    private static final long SECOND_MS = 1000;

    /** The watermark trails the ordered stream by this much, as after the ordering operator. */
    private static final long WATERMARK_EVERY_MS = 100;

    private static final int LAST_LAP = 52;
    private static final long DROPOUT_FROM_MS = 10_000;
    private static final long DROPOUT_TO_MS = 18_000;

    private static KeyedOneInputStreamOperatorTestHarness<Integer, Telemetry, CarCondition>
            harness() throws Exception {
        return WriteBehindHarness.open(
                new ConditionSampler(SILENCE, FINISHED_RETENTION), t -> t.car, Types.INT);
    }

    /**
     * Drives {@code cars} from {@code fromMs} to {@code toMs} after the start, advancing the
     * watermark behind them; a car in {@code silent} sends nothing.
     */
    private static void drive(
            KeyedOneInputStreamOperatorTestHarness<Integer, Telemetry, CarCondition> h,
            long fromMs,
            long toMs,
            Set<Integer> cars,
            Consumer<Telemetry> change)
            throws Exception {
        for (long ms = fromMs; ms < toMs; ms += SAMPLE_MS) {
            for (int car : cars) {
                Telemetry t = Fixtures.sample(car, RACE_START + ms, LAST_LAP - 1, 1_000);
                change.accept(t);
                h.processElement(t, t.ts);
            }
            if (ms % WATERMARK_EVERY_MS == 0) {
                h.processWatermark(RACE_START + ms);
            }
        }
    }

    private static List<Alert> dropouts(
            KeyedOneInputStreamOperatorTestHarness<Integer, Telemetry, CarCondition> h) {
        var out = h.getSideOutput(ConditionSampler.DROPOUTS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void emitsEachSecondsConditionWhenTheNextSecondStarts() throws Exception {
        try (var h = harness()) {
            drive(h, 0, 5 * SECOND_MS, Set.of(LEC), t -> {});

            List<StreamRecord<? extends CarCondition>> out = h.extractOutputStreamRecords();
            assertThat(out).hasSize(4);
            for (int s = 0; s < out.size(); s++) {
                CarCondition c = out.get(s).getValue();
                assertThat(c.firstTs).isEqualTo(RACE_START + s * SECOND_MS);
                assertThat(c.ts).isEqualTo(RACE_START + (s + 1) * SECOND_MS - SAMPLE_MS);
                assertThat(c.samples).isEqualTo((int) (SECOND_MS / SAMPLE_MS));
                assertThat(out.get(s).getTimestamp()).isEqualTo(RACE_START + (s + 1) * SECOND_MS);
            }
            assertThat(dropouts(h)).isEmpty();
        }
    }

    @Test
    void provisionallyEachSecondClosesOnArrivalLeavesLateSamplesOutAndReportsNoDropout()
            throws Exception {
        List<Telemetry> samples = new java.util.ArrayList<>();
        for (long ms = 0; ms < 5 * SECOND_MS; ms += SAMPLE_MS) {
            samples.add(Fixtures.sample(LEC, RACE_START + ms, LAST_LAP - 1, 1_000));
        }
        // Then silence beyond the dropout threshold, and one sample of an earlier second late.
        samples.add(Fixtures.sample(LEC, RACE_START + 15 * SECOND_MS, LAST_LAP - 1, 1_000));
        samples.add(Fixtures.sample(LEC, RACE_START + 2 * SECOND_MS + 50, LAST_LAP - 1, 1_000));
        try (var h =
                        WriteBehindHarness.open(
                                ConditionSampler.provisional(FINISHED_RETENTION),
                                t -> t.car,
                                Types.INT);
                var fin = harness()) {
            for (Telemetry t : samples) {
                h.processElement(t, t.ts); // no watermark at all
            }
            // The five seconds, each as the first sample of a later one arrived; the late sample
            // left out; no dropout for the silence.
            assertThat(h.extractOutputValues())
                    .extracting(c -> c.firstTs)
                    .containsExactly(
                            RACE_START,
                            RACE_START + SECOND_MS,
                            RACE_START + 2 * SECOND_MS,
                            RACE_START + 3 * SECOND_MS,
                            RACE_START + 4 * SECOND_MS);
            assertThat(dropouts(h)).isEmpty();
            // The final sampler, fed the first five seconds in order, closes the same four first.
            drive(fin, 0, 5 * SECOND_MS, Set.of(LEC), t -> {});
            assertThat(fin.extractOutputValues())
                    .usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(h.extractOutputValues().subList(0, 4));
        }
    }

    @Test
    void raisesADropoutWhileTheRestOfTheFieldMovesOn() throws Exception {
        try (var h = harness()) {
            drive(h, 0, DROPOUT_FROM_MS, Set.of(LEC, HAM), t -> {});
            drive(h, DROPOUT_FROM_MS, DROPOUT_TO_MS, Set.of(HAM), t -> {});
            assertThat(dropouts(h)).isNotEmpty();
            drive(h, DROPOUT_TO_MS, DROPOUT_TO_MS + 5 * SECOND_MS, Set.of(LEC, HAM), t -> {});

            List<Alert> alerts = dropouts(h);
            long lastSample = RACE_START + DROPOUT_FROM_MS - SAMPLE_MS;
            assertThat(alerts)
                    .allSatisfy(
                            a -> {
                                assertThat(a.car).isEqualTo(LEC);
                                assertThat(a.type).isEqualTo(AlertType.SENSOR_DROPOUT.name());
                                assertThat(a.startTs).isEqualTo(lastSample);
                                assertThat(a.endTs - a.startTs)
                                        .isGreaterThanOrEqualTo(SILENCE.toMillis());
                            });
            // One alert a second while silent, each a little longer, then one closing the gap.
            assertThat(alerts).extracting(a -> a.endTs).isSorted().doesNotHaveDuplicates();
            Alert last = alerts.get(alerts.size() - 1);
            assertThat(last.endTs).isEqualTo(RACE_START + DROPOUT_TO_MS);
            assertThat(last.evidence).isEqualTo("no telemetry for 8.0 s on lap " + (LAST_LAP - 1));
            assertThat(alerts.get(0).endTs)
                    .isEqualTo(RACE_START + DROPOUT_FROM_MS + SILENCE.toMillis());
        }
    }

    @Test
    void theEndOfABoundedInputIsNoDropout() throws Exception {
        try (var h = harness()) {
            drive(h, 0, 5 * SECOND_MS, Set.of(LEC, HAM), t -> {});
            h.processWatermark(Long.MAX_VALUE);
            assertThat(dropouts(h)).isEmpty();
        }
    }

    @Test
    void aFinishedCarMayFallSilentAndIsForgotten() throws Exception {
        try (var h = harness()) {
            drive(h, 0, 3 * SECOND_MS, Set.of(LEC), t -> {});
            long flag = 3 * SECOND_MS;
            drive(h, flag, flag + 5 * SECOND_MS, Set.of(LEC), t -> t.lap = LAST_LAP + 1);
            long lastSample = RACE_START + flag + 5 * SECOND_MS - SAMPLE_MS;
            assertThat(WriteBehindHarness.stateEntries(h)).isEqualTo(1);

            h.processWatermark(lastSample + FINISHED_RETENTION.toMillis() - SECOND_MS);
            assertThat(dropouts(h)).isEmpty();
            assertThat(WriteBehindHarness.stateEntries(h)).isEqualTo(1);

            h.processWatermark(lastSample + FINISHED_RETENTION.toMillis() + SECOND_MS);
            assertThat(dropouts(h)).isEmpty();
            assertThat(WriteBehindHarness.stateEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aFinishedCarThatSendsAgainStartsAfreshWhetherOrNotItsTimerFiredFirst() throws Exception {
        assertThat(WatermarkPace.sameEitherWay(ConditionSamplerTest::finishedCarBack))
                .isNotEmpty()
                .allMatch(c -> c.contains("lap 1 "));
    }

    /** The seconds of a finished car that sends again 90 s later (the next session). */
    private static List<String> finishedCarBack(boolean timerFirst) throws Exception {
        try (var h = harness()) {
            drive(h, 0, 3 * SECOND_MS, Set.of(LEC), t -> {});
            long flag = 3 * SECOND_MS;
            drive(h, flag, flag + 5 * SECOND_MS, Set.of(LEC), t -> t.lap = LAST_LAP + 1);
            long back = flag + 5 * SECOND_MS + 90 * SECOND_MS;
            if (timerFirst) {
                h.processWatermark(RACE_START + back - SAMPLE_MS);
            }
            int before = h.extractOutputValues().size();
            drive(h, back, back + 3 * SECOND_MS, Set.of(LEC), t -> t.lap = 1);
            h.processWatermark(Long.MAX_VALUE);
            List<CarCondition> out = h.extractOutputValues();
            return out.subList(before, out.size()).stream()
                    .map(c -> c.ts + " lap " + c.lap + " samples " + c.samples)
                    .toList();
        }
    }

    @Test
    void aLappedCarFinishesAtTheLineUnderTheChequeredFlag() throws Exception {
        try (var h = harness()) {
            // A lap down: on its last lap when the leader takes the flag, it finishes a lap short.
            drive(h, 0, 3 * SECOND_MS, Set.of(LEC), t -> {});
            drive(h, 3 * SECOND_MS, 5 * SECOND_MS, Set.of(LEC), t -> t.trackStatus = "CHEQUERED");
            drive(
                    h,
                    5 * SECOND_MS,
                    7 * SECOND_MS,
                    Set.of(LEC),
                    t -> {
                        t.trackStatus = "CHEQUERED";
                        t.lap = LAST_LAP;
                    });
            long lastSample = RACE_START + 7 * SECOND_MS - SAMPLE_MS;

            h.processWatermark(lastSample + FINISHED_RETENTION.toMillis() - SECOND_MS);
            assertThat(dropouts(h)).isEmpty();
            h.processWatermark(lastSample + FINISHED_RETENTION.toMillis() + SECOND_MS);
            assertThat(dropouts(h)).isEmpty();
            assertThat(WriteBehindHarness.stateEntries(h)).isZero();
        }
    }

    @Test
    void aCarSilentForLongerThanTheRetentionIsGivenUpOn() throws Exception {
        try (var h = harness()) {
            drive(h, 0, 3 * SECOND_MS, Set.of(LEC), t -> {});
            long lastSample = RACE_START + 3 * SECOND_MS - SAMPLE_MS;
            for (long w = lastSample;
                    w < lastSample + 2 * FINISHED_RETENTION.toMillis();
                    w += SECOND_MS) {
                h.processWatermark(w);
            }
            List<Alert> alerts = dropouts(h);
            Alert last = alerts.get(alerts.size() - 1);
            assertThat(last.endTs - last.startTs)
                    .isGreaterThanOrEqualTo(FINISHED_RETENTION.toMillis());
            assertThat(last.endTs - last.startTs)
                    .isLessThan(FINISHED_RETENTION.toMillis() + 2 * SECOND_MS);
            assertThat(WriteBehindHarness.stateEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    /**
     * The same data gives the same dropout reports however far each watermark jumps (that depends
     * on how fast the job runs): in steps of 100 ms, or in one jump over the whole gap.
     */
    @Test
    void reportsADropoutTheSameWhateverTheWatermarkSteps() throws Exception {
        assertThat(dropoutReports(DROPOUT_FROM_MS))
                .first()
                .asString()
                .contains("no telemetry for 2.0 s"); // the first check, 2 s into the gap
        // The last sample exactly on a second (10.000 s): the first check is a second later.
        assertThat(dropoutReports(DROPOUT_FROM_MS + SAMPLE_MS))
                .first()
                .asString()
                .contains("no telemetry for 3.0 s");
    }

    /** The dropout reports of a car silent from {@code fromMs}, the same at any watermark pace. */
    private static List<String> dropoutReports(long fromMs) throws Exception {
        List<String> reports = null;
        for (long step : new long[] {WATERMARK_EVERY_MS, 30_000}) {
            try (var h = harness()) {
                for (long ms = 0; ms < 20_000; ms += SAMPLE_MS) {
                    if (ms < fromMs || ms >= DROPOUT_TO_MS) {
                        Telemetry t = Fixtures.sample(LEC, RACE_START + ms, LAST_LAP - 1, 1_000);
                        h.processElement(t, t.ts);
                    }
                    if (ms % step == 0) {
                        h.processWatermark(RACE_START + ms - SAMPLE_MS);
                    }
                }
                List<String> these =
                        dropouts(h).stream()
                                .map(a -> a.startTs + "-" + a.endTs + " " + a.evidence)
                                .toList();
                assertThat(these).isNotEmpty();
                if (reports == null) {
                    reports = these;
                } else {
                    assertThat(these).as("watermark in one jump").isEqualTo(reports);
                }
            }
        }
        assertThat(reports).last().asString().contains("no telemetry for 8.0 s");
        return reports;
    }
}
