package dev.streamwall.common.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Re-orders each key's events by event time: holds them until the watermark passes, then emits them
 * in timestamp order. Events already behind the watermark go to the {@link #LATE} output; exact
 * duplicates (same key, same timestamp, same identity) are dropped and counted.
 *
 * <p>Downstream operators keyed the same way then see each key's events in order, which lap
 * closing, gap detection and stuck-sensor checks rely on.
 */
public class EventTimeOrdering<K, T> extends KeyedProcessFunction<K, T, T>
        implements ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    /** The name of the buffer's keyed state (timestamp to the key's events at that time). */
    static final String BUFFER_STATE = "ordering-buffer";

    /** The name of the timer service of a {@code KeyedProcessFunction}. */
    static final String TIMER_SERVICE = "user-timers";

    private final TypeInformation<T> type;
    private final OutputTag<T> lateTag;
    private final SerializableFunction<T, Object> identity;

    private transient MapState<Long, List<T>> buffer;
    private transient Counter late;
    private transient Counter duplicates;

    /**
     * @param identity what distinguishes two events of one key at the same timestamp (for example
     *     the sensor id); a function returning a constant treats any second event at a timestamp as
     *     a duplicate
     */
    public EventTimeOrdering(
            TypeInformation<T> type,
            OutputTag<T> lateTag,
            SerializableFunction<T, Object> identity) {
        this.type = type;
        this.lateTag = lateTag;
        this.identity = identity;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        BUFFER_STATE, Types.LONG, new ListTypeInfo<>(type)));
        late = getRuntimeContext().getMetricGroup().counter("late_events");
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicate_events");
    }

    @Override
    public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
        long ts = ctx.timestamp();
        if (ts <= ctx.timerService().currentWatermark()) {
            late.inc();
            ctx.output(lateTag, event);
            return;
        }
        List<T> atTs = buffer.get(ts);
        if (atTs == null) {
            atTs = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(ts);
        } else {
            Object id = identity.apply(event);
            for (T other : atTs) {
                if (Objects.equals(id, identity.apply(other))) {
                    duplicates.inc();
                    return;
                }
            }
        }
        atTs.add(event);
        buffer.put(ts, atTs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        List<T> atTs = buffer.get(timestamp);
        if (atTs != null) {
            for (T event : atTs) {
                out.collect(event);
            }
            buffer.remove(timestamp);
        }
    }
}
