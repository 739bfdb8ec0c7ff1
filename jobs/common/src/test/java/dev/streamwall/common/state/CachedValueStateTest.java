package dev.streamwall.common.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class CachedValueStateTest {

    /** A running count and sum per key, kept in a mutable object changed in place. */
    public static class Tally {
        public long count;
        public long sum;

        public Tally() {}
    }

    /** Emits "key count sum" after each event; "reset" clears the key. */
    static class Running extends KeyedProcessFunction<String, String, String>
            implements WriteBehind<String> {
        private final int maxKeys;
        private transient CachedValueState<String, Tally> tally;

        Running() {
            this(CachedValueState.MAX_KEYS);
        }

        Running(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        @Override
        public void open(OpenContext openContext) {
            tally =
                    CachedValueState.of(
                            getRuntimeContext(),
                            new ValueStateDescriptor<>("tally", Tally.class),
                            maxKeys);
        }

        @Override
        public void processElement(String in, Context ctx, Collector<String> out) throws Exception {
            String key = ctx.getCurrentKey();
            String[] kv = in.split("=");
            if (kv[1].equals("reset")) {
                tally.clear(key);
                return;
            }
            Tally t = tally.value(key);
            if (t == null) {
                t = new Tally();
                tally.update(key, t);
            }
            t.count++;
            t.sum += Long.parseLong(kv[1]);
            tally.update(key, t);
            out.collect(key + " " + t.count + " " + t.sum);
        }

        @Override
        public void writeBehind(CachedValueState.KeySetter<String> keys) throws Exception {
            tally.writeBehind(keys);
        }
    }

    private static final List<String> FIRST = List.of("a=1", "b=10", "a=2", "c=5", "c=reset");
    private static final List<String> SECOND = List.of("a=3", "b=20", "c=7", "a=4");

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            OneInputStreamOperator<String, String> operator) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                operator, in -> in.split("=")[0], Types.STRING);
    }

    private static List<String> run(
            KeyedOneInputStreamOperatorTestHarness<String, String, String> h, List<String> in)
            throws Exception {
        long ts = 0;
        for (String s : in) {
            h.processElement(s, ts++);
        }
        return h.extractOutputValues();
    }

    @Test
    void aRestoredCheckpointHoldsWhatTheEventsBeforeItMade() throws Exception {
        List<String> whole;
        try (var h = harness(new WriteBehindProcessOperator<>(new Running()))) {
            h.open();
            whole = run(h, concat(FIRST, SECOND));
        }
        OperatorSubtaskState snapshot;
        try (var h = harness(new WriteBehindProcessOperator<>(new Running()))) {
            h.open();
            run(h, FIRST);
            snapshot = checkpoint(h);
            // Changed after the checkpoint, in place: not in it.
            run(h, SECOND);
        }
        try (var h = harness(new WriteBehindProcessOperator<>(new Running()))) {
            h.initializeState(snapshot);
            h.open();
            assertThat(run(h, SECOND))
                    .containsExactly("a 3 6", "b 2 30", "c 1 7", "a 4 10")
                    .isEqualTo(whole.subList(FIRST.size() - 1, whole.size()));
        }
    }

    @Test
    void theStateIsThatOfAPlainFunctionEitherWay() throws Exception {
        // Restored by Flink's own operator: the same state, so the same counts.
        OperatorSubtaskState written =
                checkpointAfterFirst(new WriteBehindProcessOperator<>(new Running()));
        assertThat(afterRestore(written, "a=3")).containsExactly("a 3 6");
        // And without the write before the barrier, the checkpoint misses what was counted.
        OperatorSubtaskState unwritten =
                checkpointAfterFirst(new KeyedProcessOperator<>(new Running()));
        assertThat(afterRestore(unwritten, "a=3")).containsExactly("a 1 3");
    }

    private static OperatorSubtaskState checkpointAfterFirst(
            OneInputStreamOperator<String, String> operator) throws Exception {
        try (var h = harness(operator)) {
            h.open();
            run(h, FIRST);
            return checkpoint(h);
        }
    }

    /** What Flink's own operator makes of {@code event} after restoring {@code snapshot}. */
    private static List<String> afterRestore(OperatorSubtaskState snapshot, String event)
            throws Exception {
        try (var h = harness(new KeyedProcessOperator<>(new Running()))) {
            h.initializeState(snapshot);
            h.open();
            return run(h, List.of(event));
        }
    }

    @Test
    void overItsBoundItDropsTheKeysAlreadyWrittenAndReadsThemAgain() throws Exception {
        // Unbounded, no checkpoint: what every run must give.
        List<String> expected = rounds(CachedValueState.MAX_KEYS, 0);
        assertThat(expected).hasSize(15).contains("e 3 6");
        // Two keys at most: five change between checkpoints (kept until written), then each
        // round reads them back from the state.
        assertThat(rounds(2, 5)).isEqualTo(expected);
        // A checkpoint after every event: the unchanged keys make room for each new one.
        assertThat(rounds(2, 1)).isEqualTo(expected);
    }

    /**
     * Three rounds over five keys, keeping {@code maxKeys}, with a checkpoint after every {@code
     * every} events (0: none).
     */
    private static List<String> rounds(int maxKeys, int every) throws Exception {
        try (var h = harness(new WriteBehindProcessOperator<>(new Running(maxKeys)))) {
            h.open();
            int n = 0;
            for (int round = 1; round <= 3; round++) {
                for (String k : List.of("a", "b", "c", "d", "e")) {
                    h.processElement(k + "=" + round, 0);
                    if (every > 0 && ++n % every == 0) {
                        checkpoint(h);
                    }
                }
            }
            return h.extractOutputValues();
        }
    }

    /** What Flink does at a checkpoint: the operator's last step before the barrier, then state. */
    private static OperatorSubtaskState checkpoint(
            KeyedOneInputStreamOperatorTestHarness<String, String, String> h) throws Exception {
        h.prepareSnapshotPreBarrier(1);
        return h.snapshot(1, 100);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
