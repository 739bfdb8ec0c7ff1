package dev.streamwall.cityflow.functions.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.cityflow.records.TrafficIncident;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The incident lifecycle on Flink's operator harness: open once, escalate, clear. */
class IncidentTrackerTest {

    private static final long T = 1_772_522_400_000L;

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, TrafficIncident, RoadStatus, TrafficIncident>
            harness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new IncidentTracker(0.7, 3)),
                i -> i.road,
                s -> s.road,
                Types.STRING);
    }

    private static TrafficIncident match(int minute, double ratio) {
        TrafficIncident i = new TrafficIncident();
        i.road = "R20";
        i.kind = TrafficIncident.INCIDENT;
        i.status = TrafficIncident.OPEN;
        i.startTs = T + minute * 60_000L;
        i.raisedTs = i.startTs;
        i.endTs = i.startTs;
        i.speedRatio = ratio;
        i.severity = IncidentRules.severity(ratio);
        i.incidentId = "R20:INCIDENT:" + i.startTs;
        return i;
    }

    private static StreamRecord<RoadStatus> status(int minute, double ratio) {
        long ts = T + minute * 60_000L;
        return new StreamRecord<>(new RoadStatus(ts, "R20", ratio, 0.2, 0.01, 0.9, 0.8), ts - 1);
    }

    private static void watermark(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, TrafficIncident, RoadStatus, TrafficIncident>
                    h,
            int minute)
            throws Exception {
        Watermark w = new Watermark(T + minute * 60_000L - 1);
        h.processWatermark1(w);
        h.processWatermark2(w);
    }

    @Test
    void opensOnceEscalatesAndClearsAfterThreeFlowingMinutes() throws Exception {
        try (var h = harness()) {
            h.open();
            // The minute's status arrives before the rule's match: order on the inputs is free.
            h.processElement2(status(5, 0.45));
            h.processElement1(new StreamRecord<>(match(5, 0.45), T + 5 * 60_000L - 1));
            h.processElement1(new StreamRecord<>(match(6, 0.40), T + 6 * 60_000L - 1));
            h.processElement2(status(6, 0.40));
            h.processElement2(status(7, 0.20));
            for (int m = 8; m <= 10; m++) {
                h.processElement2(status(m, m == 8 ? 0.5 : 0.9));
            }
            h.processElement2(status(11, 0.9));
            h.processElement2(status(12, 0.9));
            watermark(h, 12);

            assertThat(h.extractOutputValues())
                    .extracting(i -> i.status + " " + i.severity + " " + i.endTs)
                    .containsExactly(
                            "OPEN MEDIUM " + (T + 5 * 60_000L),
                            "OPEN HIGH " + (T + 5 * 60_000L),
                            "CLEARED HIGH " + (T + 11 * 60_000L));
            assertThat(h.extractOutputValues())
                    .extracting(i -> i.incidentId)
                    .containsOnly("R20:INCIDENT:" + (T + 5 * 60_000L));
        }
    }
}
