package dev.streamwall.cityflow.functions.incident;

import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.cityflow.records.TrafficIncident;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by road: one open incident per kind at a time. A rule match opens one (repeated matches
 * while it is open change nothing); it clears when the road has flowed above the onset share of
 * free flow for {@code clearMinutes} minutes in a row. Emits the incident when it opens and when it
 * clears; both rows share the incident id and start.
 */
public class IncidentTracker
        extends KeyedCoProcessFunction<String, TrafficIncident, RoadStatus, TrafficIncident> {
    private static final long serialVersionUID = 1L;

    private final double flowingRatio;
    private final int clearMinutes;

    private transient MapState<String, TrafficIncident> open;
    private transient ValueState<Integer> flowing;
    private transient Map<String, Counter> opened;

    public IncidentTracker(double flowingRatio, int clearMinutes) {
        this.flowingRatio = flowingRatio;
        this.clearMinutes = clearMinutes;
    }

    @Override
    public void open(OpenContext openContext) {
        open =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "open-incidents",
                                        Types.STRING,
                                        TypeInformation.of(TrafficIncident.class)));
        flowing =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("flowing-minutes", Types.INT));
        opened = new HashMap<>();
    }

    @Override
    public void processElement1(TrafficIncident match, Context ctx, Collector<TrafficIncident> out)
            throws Exception {
        if (open.contains(match.kind)) {
            return;
        }
        open.put(match.kind, match);
        flowing.clear();
        opened.computeIfAbsent(
                        match.kind,
                        k ->
                                getRuntimeContext()
                                        .getMetricGroup()
                                        .addGroup("kind", k)
                                        .counter("incidents"))
                .inc();
        out.collect(match.copy());
    }

    @Override
    public void processElement2(RoadStatus s, Context ctx, Collector<TrafficIncident> out)
            throws Exception {
        if (open.isEmpty()) {
            return;
        }
        if (s.speedRatio < flowingRatio) {
            flowing.update(0);
            return;
        }
        Integer n = flowing.value();
        int minutes = (n == null ? 0 : n) + 1;
        if (minutes < clearMinutes) {
            flowing.update(minutes);
            return;
        }
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<String, TrafficIncident> e : open.entries()) {
            TrafficIncident i = e.getValue();
            if (s.ts <= i.raisedTs) {
                continue;
            }
            TrafficIncident cleared = i.copy();
            cleared.status = TrafficIncident.CLEARED;
            cleared.endTs = s.ts;
            out.collect(cleared);
            kinds.add(e.getKey());
        }
        for (String k : kinds) {
            open.remove(k);
        }
        flowing.clear();
    }
}
