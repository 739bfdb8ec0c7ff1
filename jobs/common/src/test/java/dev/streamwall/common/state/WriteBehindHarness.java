package dev.streamwall.common.state;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Test harnesses of functions with {@link CachedValueState}s, as the job graphs run them. */
public final class WriteBehindHarness {

    private WriteBehindHarness() {}

    /** {@code function} in a {@link WriteBehindProcessOperator}, opened. */
    public static <K, I, O, F extends KeyedProcessFunction<K, I, O> & WriteBehind<K>>
            KeyedOneInputStreamOperatorTestHarness<K, I, O> open(
                    F function, KeySelector<I, K> key, TypeInformation<K> keyType)
                    throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<K, I, O>(
                        new WriteBehindProcessOperator<>(function), key, keyType);
        h.open();
        return h;
    }

    /** The keyed state entries as a checkpoint finds them: written behind just before. */
    public static int stateEntries(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h)
            throws Exception {
        h.prepareSnapshotPreBarrier(0);
        return h.numKeyedStateEntries();
    }
}
