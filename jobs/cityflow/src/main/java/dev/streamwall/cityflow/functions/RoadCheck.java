package dev.streamwall.cityflow.functions;

import dev.streamwall.common.json.Json;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes readings of roads in the road graph and dead-letters the others as {@code UNKNOWN_ROAD}.
 * Until the graph has arrived (it is read from the start of the roads topic while readings flow), a
 * road's readings wait in state until the watermark reaches them; if there is still no graph then,
 * the job runs without one (a recording replayed with no road network) and passes them.
 */
public class RoadCheck
        extends KeyedBroadcastProcessFunction<String, RoadReading, RoadRecord, RoadReading> {
    private static final long serialVersionUID = 1L;

    public static final String UNKNOWN_ROAD = "UNKNOWN_ROAD";

    private final String job;
    private final String topic;
    private final OutputTag<DeadLetter> deadLetters;

    private transient ListState<RoadReading> waiting;
    private transient Counter unknown;

    public RoadCheck(String job, String topic, OutputTag<DeadLetter> deadLetters) {
        this.job = job;
        this.topic = topic;
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext openContext) {
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "waiting-for-graph",
                                        TypeInformation.of(RoadReading.class)));
        unknown =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("reason", UNKNOWN_ROAD)
                        .counter("dead_letters");
    }

    @Override
    public void processElement(RoadReading r, ReadOnlyContext ctx, Collector<RoadReading> out)
            throws Exception {
        ReadOnlyBroadcastState<String, RoadRecord> graph =
                ctx.getBroadcastState(RoadGraphState.DESCRIPTOR);
        if (graph.immutableEntries().iterator().hasNext()) {
            check(r, graph, ctx, out);
        } else {
            waiting.add(r);
            ctx.timerService().registerEventTimeTimer(r.ts);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RoadReading> out)
            throws Exception {
        Iterable<RoadReading> held = waiting.get();
        if (held == null) {
            return;
        }
        ReadOnlyBroadcastState<String, RoadRecord> graph =
                ctx.getBroadcastState(RoadGraphState.DESCRIPTOR);
        boolean hasGraph = graph.immutableEntries().iterator().hasNext();
        List<RoadReading> later = new ArrayList<>();
        for (RoadReading r : held) {
            if (r.ts > timestamp) {
                later.add(r);
            } else if (hasGraph) {
                check(r, graph, ctx, out);
            } else {
                out.collect(r);
            }
        }
        waiting.update(later);
    }

    private void check(
            RoadReading r,
            ReadOnlyBroadcastState<String, RoadRecord> graph,
            ReadOnlyContext ctx,
            Collector<RoadReading> out)
            throws Exception {
        if (graph.contains(r.road)) {
            out.collect(r);
            return;
        }
        unknown.inc();
        DeadLetter d = new DeadLetter();
        d.id = job + ":" + UNKNOWN_ROAD + ":" + r.sensor + ":" + r.ts;
        d.job = job;
        d.sourceTopic = topic;
        d.sourcePartition = -1;
        d.sourceOffset = -1;
        d.reason = UNKNOWN_ROAD;
        d.detail =
                "road '"
                        + r.road
                        + "' (sensor "
                        + r.sensor
                        + ") is not in the road graph; publish it to the roads topic or fix the"
                        + " sensor's road id";
        d.key = r.sensor;
        d.payload = Json.toString(r);
        d.rejectedAt = r.ts;
        ctx.output(deadLetters, d);
    }

    @Override
    public void processBroadcastElement(RoadRecord r, Context ctx, Collector<RoadReading> out)
            throws Exception {
        RoadGraphState.apply(ctx.getBroadcastState(RoadGraphState.DESCRIPTOR), r);
    }
}
