package dev.streamwall.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * {@link BufferedEventTimeOrdering}: the behaviour of {@link EventTimeOrdering}, and checkpoints
 * that restore into either operator.
 */
class BufferedEventTimeOrderingTest {

    private static final OutputTag<String> LATE = new OutputTag<>("late") {};
    private static final KeySelector<String, String> KEY = s -> s.split(":")[0];

    /** Records are "key:timestamp:payload"; the identity is the payload. */
    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            OneInputStreamOperator<String, String> operator, OperatorSubtaskState restored)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(operator, KEY, Types.STRING);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    private static BufferedEventTimeOrdering<String, String> buffered() {
        return new BufferedEventTimeOrdering<>(Types.STRING, LATE, s -> s.split(":")[2]);
    }

    private static KeyedProcessOperator<String, String, String> perEventState() {
        return new KeyedProcessOperator<>(
                new EventTimeOrdering<>(Types.STRING, LATE, s -> s.split(":")[2]));
    }

    /** A checkpoint as the task takes it: the pre-barrier hook first. */
    private static OperatorSubtaskState checkpoint(
            KeyedOneInputStreamOperatorTestHarness<String, String, String> h, long id)
            throws Exception {
        h.prepareSnapshotPreBarrier(id);
        return h.snapshot(id, id);
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
        try (var h = harness(buffered(), null)) {
            send(h, "a", 300, "x");
            send(h, "a", 100, "x");
            send(h, "b", 200, "x");
            send(h, "a", 200, "x");
            send(h, "a", 100, "y");
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isZero();

            h.processWatermark(250);
            // Keys at the same time leave in arrival order: only each key's own order matters.
            assertThat(h.extractOutputValues())
                    .containsExactly("a:100:x", "a:100:y", "b:200:x", "a:200:x");
            assertThat(h.extractOutputStreamRecords())
                    .extracting(r -> r.getTimestamp())
                    .containsExactly(100L, 100L, 200L, 200L);

            h.processWatermark(1000);
            assertThat(h.extractOutputValues()).endsWith("a:300:x").hasSize(5);
        }
    }

    @Test
    void sendsLateEventsToTheLateOutputAndDropsExactDuplicates() throws Exception {
        try (var h = harness(buffered(), null)) {
            send(h, "a", 100, "x");
            send(h, "a", 100, "x"); // duplicate
            send(h, "a", 100, "y"); // same time, another sensor: kept
            h.processWatermark(150);
            send(h, "a", 120, "z"); // behind the watermark
            send(h, "a", 150, "z"); // at the watermark: late too
            h.processWatermark(500);

            assertThat(h.extractOutputValues()).containsExactly("a:100:x", "a:100:y");
            assertThat(h.getSideOutput(LATE))
                    .extracting(r -> r.getValue())
                    .containsExactly("a:120:z", "a:150:z");
        }
    }

    @Test
    void aCheckpointHoldsWhatIsNotYetEmittedAndNothingElse() throws Exception {
        OperatorSubtaskState first;
        OperatorSubtaskState second;
        try (var h = harness(buffered(), null)) {
            send(h, "a", 100, "x");
            send(h, "b", 300, "x");
            first = checkpoint(h, 1);
            h.processWatermark(200); // a:100 leaves after the checkpoint
            send(h, "a", 400, "x");
            second = checkpoint(h, 2);
            h.processWatermark(1000);
            checkpoint(h, 3);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
        try (var h = harness(buffered(), first)) {
            h.processWatermark(1000);
            assertThat(h.extractOutputValues()).containsExactly("a:100:x", "b:300:x");
        }
        try (var h = harness(buffered(), second)) {
            send(h, "a", 350, "x");
            h.processWatermark(1000);
            assertThat(h.extractOutputValues()).containsExactly("b:300:x", "a:350:x", "a:400:x");
        }
    }

    @Test
    void restoresTheStateAndTimersOfPerEventStateOrdering() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(perEventState(), null)) {
            send(h, "a", 130, "x");
            send(h, "a", 110, "x");
            send(h, "b", 250, "x");
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(buffered(), snapshot)) {
            send(h, "a", 110, "x"); // a replayed duplicate
            send(h, "a", 120, "x");
            h.processWatermark(200);
            assertThat(h.extractOutputValues()).containsExactly("a:110:x", "a:120:x", "a:130:x");
            h.processWatermark(300);
            assertThat(h.extractOutputValues()).endsWith("b:250:x").hasSize(4);
        }
    }

    @Test
    void itsCheckpointsRestoreIntoPerEventStateOrderingToo() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(buffered(), null)) {
            send(h, "a", 130, "x");
            send(h, "a", 110, "x");
            snapshot = checkpoint(h, 1);
        }
        // A rollback to the per-event-state operator: its timers came with the checkpoint.
        try (var h = harness(perEventState(), snapshot)) {
            send(h, "a", 110, "x"); // duplicate of a restored event: dropped
            send(h, "a", 120, "x");
            h.processWatermark(200);
            assertThat(h.extractOutputValues()).containsExactly("a:110:x", "a:120:x", "a:130:x");
        }
    }
}
