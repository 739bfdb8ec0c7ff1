package dev.streamwall.cityflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.records.RoadMinute;
import dev.streamwall.generators.city.RoadReading;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Each road's minutes in arrival order, averaged as the minute window averages them. */
class ProvisionalMinutesTest {

    private static final long T0 = 1_772_521_200_000L; // 2026-03-03T07:00:00Z, a minute's start

    private static KeyedOneInputStreamOperatorTestHarness<String, RoadReading, RoadMinute> harness()
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ProvisionalMinutes()),
                        r -> r.road,
                        Types.STRING);
        h.open();
        return h;
    }

    private static RoadReading reading(String road, long ts, double speed, Double flow) {
        RoadReading r = new RoadReading(ts, road + "-a", road, speed, flow, null);
        r.receivedAt = ts + 7; // as if each reading were read 7 ms after its time
        return r;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, RoadReading, RoadMinute> h,
            RoadReading r)
            throws Exception {
        h.processElement(new StreamRecord<>(r, r.ts));
    }

    private static List<RoadMinute> minutes(
            KeyedOneInputStreamOperatorTestHarness<String, RoadReading, RoadMinute> h) {
        return h.extractOutputValues();
    }

    @Test
    void aMinuteGoesOutWhenItsRoadsFirstReadingOfALaterMinuteArrives() throws Exception {
        try (var h = harness()) {
            send(h, reading("R1", T0 + 5_000, 40, 900.0));
            send(h, reading("R2", T0 + 10_000, 20, null));
            send(h, reading("R1", T0 + 35_000, 50, null));
            assertThat(minutes(h)).isEmpty();

            send(h, reading("R1", T0 + 60_000, 45, 600.0));
            assertThat(minutes(h)).hasSize(1);
            RoadMinute m = minutes(h).get(0);
            assertThat(m.road).isEqualTo("R1");
            assertThat(m.ts).as("the minute's end, as the window names it").isEqualTo(T0 + 60_000);
            assertThat(m.speed).isEqualTo(45.0);
            assertThat(m.flow).as("over the readings that have one").isEqualTo(900.0);
            assertThat(m.occupancy).isNaN();
            assertThat(m.readings).isEqualTo(2);
            assertThat(m.receivedAt)
                    .as("latency counts from the reading that completed the minute")
                    .isEqualTo(T0 + 60_000 + 7);

            // A gap: R2's next reading is minutes later; its open minute goes out then.
            send(h, reading("R2", T0 + 4 * 60_000, 30, null));
            assertThat(minutes(h)).hasSize(2);
            assertThat(minutes(h).get(1).road).isEqualTo("R2");
            assertThat(minutes(h).get(1).ts).isEqualTo(T0 + 60_000);
        }
    }

    @Test
    void aReadingOlderThanItsRoadsOpenMinuteIsLeftOut() throws Exception {
        try (var h = harness()) {
            send(h, reading("R1", T0 + 50_000, 40, null));
            send(h, reading("R1", T0 + 61_000, 60, null));
            send(h, reading("R1", T0 + 59_000, 10, null)); // arrives after the next minute's
            send(h, reading("R1", T0 + 62_000, 80, null));
            send(h, reading("R1", T0 + 120_000, 50, null));

            assertThat(minutes(h)).extracting(m -> m.speed).containsExactly(40.0, 70.0);
            assertThat(minutes(h)).extracting(m -> m.readings).containsExactly(1, 2);
        }
    }

    @Test
    void theOpenMinuteIsKeptInCheckpoints() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            send(h, reading("R1", T0 + 10_000, 30, null));
            snapshot = h.snapshot(1, 1);
        }
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<String, RoadReading, RoadMinute>(
                        new KeyedProcessOperator<>(new ProvisionalMinutes()),
                        r -> r.road,
                        Types.STRING)) {
            h.initializeState(snapshot);
            h.open();
            send(h, reading("R1", T0 + 20_000, 50, null));
            send(h, reading("R1", T0 + 70_000, 50, null));
            assertThat(minutes(h)).extracting(m -> m.speed).containsExactly(40.0);
        }
    }
}
