package dev.streamwall.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class EventTimeOrderingTest {

    private static final OutputTag<String> LATE = new OutputTag<>("late") {};

    /** Records are "key:timestamp:payload"; the identity is the payload. */
    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness()
            throws Exception {
        KeyedProcessFunction<String, String, String> fn =
                new EventTimeOrdering<>(Types.STRING, LATE, s -> s.split(":")[2]);
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                fn, s -> s.split(":")[0], Types.STRING);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, String, String> h,
            String key,
            long ts,
            String payload)
            throws Exception {
        h.processElement(key + ":" + ts + ":" + payload, ts);
    }

    @Test
    void emitsEachKeysEventsInTimestampOrderOnceTheWatermarkPasses() throws Exception {
        try (var h = harness()) {
            send(h, "a", 300, "x");
            send(h, "a", 100, "x");
            send(h, "b", 200, "x");
            send(h, "a", 200, "x");
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(250);
            assertThat(h.extractOutputValues()).containsExactly("a:100:x", "a:200:x", "b:200:x");

            h.processWatermark(1000);
            assertThat(h.extractOutputValues())
                    .containsExactly("a:100:x", "a:200:x", "b:200:x", "a:300:x");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void sendsLateEventsToTheLateOutputAndDropsExactDuplicates() throws Exception {
        try (var h = harness()) {
            send(h, "a", 100, "x");
            send(h, "a", 100, "x"); // duplicate
            send(h, "a", 100, "y"); // same time, another sensor: kept
            h.processWatermark(150);
            send(h, "a", 120, "z"); // behind the watermark
            h.processWatermark(500);

            assertThat(h.extractOutputValues()).containsExactly("a:100:x", "a:100:y");
            assertThat(h.getSideOutput(LATE))
                    .extracting(r -> r.getValue())
                    .containsExactly("a:120:z");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
