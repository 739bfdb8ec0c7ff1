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

    private transient MapState<Long, List<TrafficIncident>> pendingMatches;
    private transient MapState<Long, RoadStatus> pendingStatus;
    private transient MapState<String, TrafficIncident> open;
    private transient ValueState<Integer> flowing;
    private transient Map<String, Counter> opened;

    public IncidentTracker(double flowingRatio, int clearMinutes) {
        this.flowingRatio = flowingRatio;
        this.clearMinutes = clearMinutes;
    }

    @Override
    public void open(OpenContext openContext) {
        pendingMatches =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-matches",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(TrafficIncident.class))));
        pendingStatus =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-status",
                                        Types.LONG,
                                        TypeInformation.of(RoadStatus.class)));
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

    // Matches and minutes come on two inputs in no fixed order: both wait for the watermark and
    // are applied minute by minute, matches first, so a replay gives the same incidents.

    @Override
    public void processElement1(TrafficIncident match, Context ctx, Collector<TrafficIncident> out)
            throws Exception {
        List<TrafficIncident> same = pendingMatches.get(match.raisedTs);
        List<TrafficIncident> list = same == null ? new ArrayList<>() : new ArrayList<>(same);
        list.add(match);
        pendingMatches.put(match.raisedTs, list);
        ctx.timerService().registerEventTimeTimer(match.raisedTs - 1);
    }

    @Override
    public void processElement2(RoadStatus s, Context ctx, Collector<TrafficIncident> out)
            throws Exception {
        pendingStatus.put(s.ts, s);
        ctx.timerService().registerEventTimeTimer(s.ts - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrafficIncident> out)
            throws Exception {
        long minute = timestamp + 1;
        List<TrafficIncident> matches = pendingMatches.get(minute);
        if (matches != null) {
            pendingMatches.remove(minute);
            List<TrafficIncident> ordered = new ArrayList<>(matches);
            ordered.sort(java.util.Comparator.comparing(i -> i.incidentId));
            for (TrafficIncident m : ordered) {
                match(m, out);
            }
        }
        RoadStatus s = pendingStatus.get(minute);
        if (s != null) {
            pendingStatus.remove(minute);
            status(s, out);
        }
    }

    private void match(TrafficIncident match, Collector<TrafficIncident> out) throws Exception {
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

    private void status(RoadStatus s, Collector<TrafficIncident> out) throws Exception {
        if (open.isEmpty()) {
            return;
        }
        // A worsening road escalates its open incidents (MEDIUM to HIGH below 30 % of free flow).
        for (Map.Entry<String, TrafficIncident> e : open.entries()) {
            TrafficIncident i = e.getValue();
            if (s.ts > i.raisedTs && s.speedRatio < i.speedRatio) {
                TrafficIncident worse = i.copy();
                worse.speedRatio = s.speedRatio;
                worse.severity = IncidentRules.severity(s.speedRatio);
                e.setValue(worse);
                if (!worse.severity.equals(i.severity)) {
                    out.collect(worse.copy());
                }
            }
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
