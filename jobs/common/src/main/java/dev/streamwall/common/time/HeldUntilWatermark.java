package dev.streamwall.common.time;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.TimerService;

/**
 * A keyed function's inputs held until the watermark passes them: {@link #hold} keeps a value under
 * its event time with a timer there, and the function's {@code onTimer} takes the values of that
 * time back with {@link #release}, in the order they came. Kept as keyed map state (time to
 * values), so it is checkpointed and restored with the function.
 *
 * @param <T> the held values' type
 */
public final class HeldUntilWatermark<T> {

    private final MapState<Long, List<T>> held;

    private HeldUntilWatermark(MapState<Long, List<T>> held) {
        this.held = held;
    }

    /** The state {@code name} of the function whose context this is. */
    public static <T> HeldUntilWatermark<T> of(
            RuntimeContext context, String name, TypeInformation<T> type) {
        return new HeldUntilWatermark<>(
                context.getMapState(
                        new MapStateDescriptor<>(name, Types.LONG, new ListTypeInfo<>(type))));
    }

    /** Holds {@code value} until the watermark passes {@code ts}. */
    public void hold(long ts, T value, TimerService timers) throws Exception {
        List<T> atTs = held.get(ts);
        if (atTs == null) {
            atTs = new ArrayList<>(1);
        }
        atTs.add(value);
        held.put(ts, atTs);
        timers.registerEventTimeTimer(ts);
    }

    /** The values held for {@code ts}, in the order they came, no longer held; empty if none. */
    public List<T> release(long ts) throws Exception {
        List<T> due = held.get(ts);
        if (due == null) {
            return List.of();
        }
        held.remove(ts);
        return due;
    }

    /** Whether values are held for {@code ts} (its timer is theirs). */
    public boolean holds(long ts) throws Exception {
        return held.contains(ts);
    }
}
