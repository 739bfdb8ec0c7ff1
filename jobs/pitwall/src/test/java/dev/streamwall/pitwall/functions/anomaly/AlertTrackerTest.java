package dev.streamwall.pitwall.functions.anomaly;

import static dev.streamwall.pitwall.Fixtures.HAM;
import static dev.streamwall.pitwall.Fixtures.LEC;
import static dev.streamwall.pitwall.Fixtures.RACE;
import static dev.streamwall.pitwall.Fixtures.RACE_START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.time.WatermarkPace;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.AlertType;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of the alert lifecycle: open, extend, escalate, close, and reopen as a new alert.
 */
class AlertTrackerTest {

    private static final Duration MERGE_GAP = Duration.ofSeconds(10);
    private static final long GAP_MS = MERGE_GAP.toMillis();
    private static final long SECOND_MS = 1000;
    private static final String BRAKE = AlertType.BRAKE_OVERHEAT.name();
    private static final String ENGINE = AlertType.ENGINE_OVERHEAT.name();
    private static final String WARNING = "WARNING";
    private static final String CRITICAL = "CRITICAL";

    private static KeyedOneInputStreamOperatorTestHarness<Integer, Alert, Alert> harness()
            throws Exception {
        return harness(java.time.Duration.ZERO);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, Alert, Alert> harness(
            java.time.Duration matchSpan) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AlertTracker(MERGE_GAP, matchSpan), a -> a.car, Types.INT);
    }

    @Test
    void aMatchThatStartedWithinTheGapButArrivesAfterItStillMerges() throws Exception {
        // The second match starts 1 s after the first ends but is only emitted once the watermark
        // passes its own end, 40 s later: with the rules' span the first alert is still open.
        try (var h = harness(java.time.Duration.ofSeconds(60))) {
            h.processElement(match(LEC, BRAKE, WARNING, 0, 5), at(5));
            h.processWatermark(at(5) + GAP_MS + 1000);
            h.processElement(match(LEC, BRAKE, WARNING, 6, 45), at(45));
            h.processWatermark(at(45) + GAP_MS + 60_000);
            assertThat(h.extractOutputValues())
                    .extracting(a -> a.alertId)
                    .containsOnly(h.extractOutputValues().get(0).alertId);
            assertThat(h.extractOutputValues())
                    .last()
                    .satisfies(
                            a -> {
                                assertThat(a.status).isEqualTo("CLOSED");
                                assertThat(a.endTs).isEqualTo(at(45));
                            });
        }
    }

    @Test
    void aMatchCompletedAfterTheCloseIsANewAlertWhetherOrNotTheCloseTimerFiredFirst()
            throws Exception {
        assertThat(WatermarkPace.sameEitherWay(AlertTrackerTest::matchAfterTheClose)).hasSize(4);
    }

    /**
     * Span 20 s: the first alert closes at 5 + 10 + 20 = 35 s; the second match starts at 12 s
     * (within the gap) but completes, and is emitted, at 40 s.
     */
    private static List<String> matchAfterTheClose(boolean timerFirst) throws Exception {
        try (var h = harness(java.time.Duration.ofSeconds(20))) {
            h.processElement(match(LEC, BRAKE, WARNING, 0, 5), at(5));
            if (timerFirst) {
                h.processWatermark(at(40) - 1);
            }
            h.processElement(match(LEC, BRAKE, WARNING, 12, 40), at(40));
            h.processWatermark(Long.MAX_VALUE);
            return h.extractOutputValues().stream()
                    .map(a -> a.alertId + " " + a.status + " " + a.endTs)
                    .toList();
        }
    }

    /** A pattern match on {@code car} over seconds {@code from} to {@code to} of the race. */
    private static Alert match(
            int car, String type, String severity, long fromSecond, long toSecond) {
        Alert a = new Alert();
        a.raceId = RACE;
        a.car = car;
        a.driver = car == LEC ? "LEC" : "HAM";
        a.type = type;
        a.severity = severity;
        a.startTs = at(fromSecond);
        a.endTs = at(toSecond);
        a.lap = 12;
        a.evidence = type + " " + fromSecond + ".." + toSecond;
        return a;
    }

    private static long at(long second) {
        return RACE_START + second * SECOND_MS;
    }

    private static void push(
            KeyedOneInputStreamOperatorTestHarness<Integer, Alert, Alert> h, Alert a)
            throws Exception {
        h.processElement(a, a.endTs);
    }

    /** The alerts emitted since the last call. */
    private static List<Alert> drain(
            KeyedOneInputStreamOperatorTestHarness<Integer, Alert, Alert> h) {
        List<Alert> out = h.extractOutputValues();
        h.getOutput().clear();
        return out;
    }

    @Test
    void opensExtendsEscalatesAndClosesOneAlert() throws Exception {
        try (var h = harness()) {
            push(h, match(LEC, BRAKE, WARNING, 0, 5));
            Alert opened = drain(h).get(0);
            assertThat(opened.alertId).isEqualTo(RACE + "/" + LEC + "/" + BRAKE + "/" + at(0));
            assertThat(opened.status).isEqualTo("OPEN");
            assertThat(opened.endTs).isEqualTo(at(5));

            push(h, match(LEC, BRAKE, WARNING, 6, 11));
            assertThat(drain(h))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.alertId).isEqualTo(opened.alertId);
                                assertThat(a.status).isEqualTo("OPEN");
                                assertThat(a.startTs).isEqualTo(at(0));
                                assertThat(a.endTs).isEqualTo(at(11));
                                assertThat(a.evidence).isEqualTo(BRAKE + " 6..11");
                            });

            push(h, match(LEC, BRAKE, WARNING, 6, 11));
            assertThat(drain(h)).as("nothing new").isEmpty();

            push(h, match(LEC, BRAKE, CRITICAL, 12, 17));
            assertThat(drain(h))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.alertId).isEqualTo(opened.alertId);
                                assertThat(a.severity).isEqualTo(CRITICAL);
                            });

            push(h, match(LEC, BRAKE, WARNING, 18, 23));
            assertThat(drain(h))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.severity).as("never downgraded").isEqualTo(CRITICAL);
                                assertThat(a.endTs).isEqualTo(at(23));
                            });
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);

            h.processWatermark(at(23) + GAP_MS - 1);
            assertThat(drain(h)).isEmpty();
            h.processWatermark(at(23) + GAP_MS);
            assertThat(drain(h))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.alertId).isEqualTo(opened.alertId);
                                assertThat(a.status).isEqualTo("CLOSED");
                                assertThat(a.severity).isEqualTo(CRITICAL);
                                assertThat(a.startTs).isEqualTo(at(0));
                                assertThat(a.endTs).isEqualTo(at(23));
                            });
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aMatchAfterALongPauseIsANewAlert() throws Exception {
        try (var h = harness()) {
            push(h, match(LEC, BRAKE, WARNING, 0, 5));
            h.processWatermark(at(5) + GAP_MS);
            assertThat(drain(h)).extracting(a -> a.status).containsExactly("OPEN", "CLOSED");

            push(h, match(LEC, BRAKE, WARNING, 60, 65));
            assertThat(drain(h))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.status).isEqualTo("OPEN");
                                assertThat(a.alertId).endsWith("/" + at(60));
                            });
        }
    }

    @Test
    void aLateWatermarkStillClosesTheOldAlertBeforeTheNewOneOpens() throws Exception {
        try (var h = harness()) {
            push(h, match(LEC, ENGINE, WARNING, 0, 3));
            push(h, match(LEC, ENGINE, WARNING, 30, 33));
            List<Alert> out = drain(h);
            assertThat(out).extracting(a -> a.status).containsExactly("OPEN", "CLOSED", "OPEN");
            assertThat(out.get(1).alertId).isEqualTo(out.get(0).alertId);
            assertThat(out.get(2).alertId).isNotEqualTo(out.get(0).alertId);

            h.processWatermark(at(33) + GAP_MS);
            assertThat(drain(h))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.status).isEqualTo("CLOSED");
                                assertThat(a.alertId).isEqualTo(out.get(2).alertId);
                            });
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void tracksEachCarAndTypeApart() throws Exception {
        try (var h = harness()) {
            push(h, match(LEC, BRAKE, WARNING, 0, 5));
            push(h, match(LEC, ENGINE, WARNING, 2, 5));
            push(h, match(HAM, BRAKE, WARNING, 0, 20));
            assertThat(drain(h)).extracting(a -> a.alertId).doesNotHaveDuplicates().hasSize(3);

            h.processWatermark(at(5) + GAP_MS);
            assertThat(drain(h))
                    .extracting(a -> a.car + "/" + a.type + "/" + a.status)
                    .containsExactlyInAnyOrder(
                            LEC + "/" + BRAKE + "/CLOSED", LEC + "/" + ENGINE + "/CLOSED");
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);

            h.processWatermark(at(20) + GAP_MS);
            assertThat(drain(h)).singleElement().satisfies(a -> assertThat(a.car).isEqualTo(HAM));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aGrowingDropoutStaysOneAlert() throws Exception {
        try (var h = harness()) {
            for (long end = 3; end <= 9; end++) {
                push(h, match(LEC, AlertType.SENSOR_DROPOUT.name(), WARNING, 1, end));
            }
            List<Alert> out = drain(h);
            assertThat(out).hasSize(7).extracting(a -> a.alertId).containsOnly(out.get(0).alertId);
            assertThat(out).extracting(a -> a.endTs).isSorted();
        }
    }
}
