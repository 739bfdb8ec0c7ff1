package dev.streamwall.cityflow.functions;

import dev.streamwall.cityflow.records.RoadMinute;
import dev.streamwall.generators.city.RoadReading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Keyed by road: each road's minutes in arrival order, without waiting for the watermark. A minute
 * goes out as soon as the first reading of a later minute of the same road arrives (the reading
 * that completes it), averaged as the minute window averages it ({@link MinuteAggregate}). A
 * reading older than the road's open minute arrives too late for it: it is left out here and
 * counted ({@code provisional_readings_out_of_order}); the final minutes, which wait for the
 * watermark, still hold it. So with in-order readings a provisional minute is its final minute;
 * with readings reordered across a minute's end it can hold fewer readings. A road that stops
 * reporting keeps its last minute open until it reports again.
 */
public class ProvisionalMinutes extends KeyedProcessFunction<String, RoadReading, RoadMinute> {
    private static final long serialVersionUID = 1L;

    static final long MINUTE_MS = 60_000;

    /** A road's open minute: its end (exclusive) and its readings' sums. */
    public static class Open {
        public long end;
        public MinuteAggregate.Acc sums;

        public Open() {}
    }

    private final MinuteAggregate aggregate = new MinuteAggregate();
    private transient ValueState<Open> open;
    private transient Counter outOfOrder;

    @Override
    public void open(OpenContext openContext) {
        open =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "provisional-minute", TypeInformation.of(Open.class)));
        outOfOrder =
                getRuntimeContext().getMetricGroup().counter("provisional_readings_out_of_order");
    }

    @Override
    public void processElement(RoadReading r, Context ctx, Collector<RoadMinute> out)
            throws Exception {
        long end = TimeWindow.getWindowStartWithOffset(r.ts, 0, MINUTE_MS) + MINUTE_MS;
        Open o = open.value();
        if (o != null && end < o.end) {
            outOfOrder.inc();
            return;
        }
        if (o != null && end > o.end) {
            RoadMinute done = MinuteAggregate.minute(ctx.getCurrentKey(), o.end, o.sums);
            done.receivedAt = r.receivedAt;
            out.collect(done);
            o = null;
        }
        if (o == null) {
            o = new Open();
            o.end = end;
            o.sums = aggregate.createAccumulator();
        }
        aggregate.add(r, o.sums);
        open.update(o);
    }
}
