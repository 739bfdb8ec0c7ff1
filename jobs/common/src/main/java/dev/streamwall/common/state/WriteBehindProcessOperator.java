package dev.streamwall.common.state;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Flink's operator for a {@link KeyedProcessFunction}, which also has the function write its {@link
 * CachedValueState}s to the state backend right before each checkpoint barrier, so that every
 * checkpoint and savepoint holds what the function's events have made of them. Use it with {@code
 * keyedStream.transform(name, type, new WriteBehindProcessOperator<>(function))} where {@code
 * .process(function)} was: the same state, so either restores the other's savepoints.
 *
 * @param <K> the key
 * @param <IN> the input
 * @param <OUT> the output
 */
public class WriteBehindProcessOperator<K, IN, OUT> extends KeyedProcessOperator<K, IN, OUT> {
    private static final long serialVersionUID = 1L;

    public <F extends KeyedProcessFunction<K, IN, OUT> & WriteBehind<K>> WriteBehindProcessOperator(
            F function) {
        super(function);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        ((WriteBehind<K>) userFunction).writeBehind(key -> setCurrentKey(key));
    }
}
