package dev.streamwall.common.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps every n-th record of each key (the first, then every n-th after it): decimation for raw
 * storage.
 */
public class EveryNth<K, T> extends KeyedProcessFunction<K, T, T> {
    private static final long serialVersionUID = 1L;

    private final int n;
    private transient ValueState<Integer> seen;

    public EveryNth(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("decimation factor must be at least 1, got " + n);
        }
        this.n = n;
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.INT));
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        Integer count = seen.value();
        int c = count == null ? 0 : count;
        if (c % n == 0) {
            out.collect(value);
        }
        seen.update((c + 1) % n);
    }
}
