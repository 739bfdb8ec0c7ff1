package dev.streamwall.factory.functions.anomaly;

import dev.streamwall.factory.records.MaintenanceAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per machine, turns rule matches into alerts with a lifecycle: an alert opens on the first match,
 * grows while matches keep coming within the merge gap, and closes (event time) when they stop.
 * Candidates are applied in event-time order once the watermark passes them, so the outcome does
 * not depend on which rule's operator was faster; an overheating candidate on a machine with an
 * open predictive-maintenance alert is part of that alert (the worn bearing is what heats it).
 * Evidence of an episode that began before an alert's last evidence (a stuck sensor's heartbeat,
 * which a slow series sends only every ten of its steps) continues that alert, under its id, even
 * after the merge gap closed it: one episode is one alert whatever the series' step.
 */
public class AlertTracker extends KeyedProcessFunction<String, MaintenanceAlert, MaintenanceAlert> {
    private static final long serialVersionUID = 1L;

    private final long mergeGapMs;

    /** How long a closed alert can still be continued by its episode's evidence. */
    static final long CONTINUABLE_MS = java.time.Duration.ofDays(7).toMillis();

    private transient MapState<String, MaintenanceAlert> open;
    private transient MapState<String, MaintenanceAlert> closed;
    private transient MapState<Long, List<MaintenanceAlert>> pending;
    private transient MetricGroup metrics;
    private transient Map<String, Counter> raised;

    public AlertTracker(Duration mergeGap) {
        this.mergeGapMs = mergeGap.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<MaintenanceAlert> type = TypeInformation.of(MaintenanceAlert.class);
        open =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("open-alerts", Types.STRING, type));
        // The last closed alert per type and sensor (state added later: it starts empty).
        closed =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("closed-alerts", Types.STRING, type));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-candidates",
                                        Types.LONG,
                                        new ListTypeInfo<>(type)));
        metrics = getRuntimeContext().getMetricGroup();
        raised = new HashMap<>();
    }

    @Override
    public void processElement(
            MaintenanceAlert candidate, Context ctx, Collector<MaintenanceAlert> out)
            throws Exception {
        List<MaintenanceAlert> at = pending.get(candidate.raisedTs);
        if (at == null) {
            at = new ArrayList<>(1);
        }
        at.add(candidate);
        pending.put(candidate.raisedTs, at);
        ctx.timerService().registerEventTimeTimer(candidate.raisedTs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MaintenanceAlert> out)
            throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long ts : pending.keys()) {
            if (ts <= timestamp) {
                due.add(ts);
            }
        }
        due.sort(Long::compare);
        for (Long ts : due) {
            List<MaintenanceAlert> candidates = new ArrayList<>(pending.get(ts));
            candidates.sort(
                    Comparator.comparingInt((MaintenanceAlert a) -> a.priority)
                            .thenComparing(a -> a.type)
                            .thenComparing(a -> a.sensor));
            pending.remove(ts);
            for (MaintenanceAlert c : candidates) {
                apply(c, ctx, out);
            }
        }
        List<String> ended = new ArrayList<>();
        for (Map.Entry<String, MaintenanceAlert> e : open.entries()) {
            MaintenanceAlert a = e.getValue();
            if (a.endTs + mergeGapMs <= timestamp) {
                close(e.getKey(), a, ctx, out);
                ended.add(e.getKey());
            }
        }
        // Removing by key, not through the iterator, lets the heap backend drop the emptied map.
        for (String key : ended) {
            open.remove(key);
        }
        List<String> forgotten = new ArrayList<>();
        for (Map.Entry<String, MaintenanceAlert> e : closed.entries()) {
            if (e.getValue().endTs + CONTINUABLE_MS <= timestamp) {
                forgotten.add(e.getKey());
            }
        }
        for (String key : forgotten) {
            closed.remove(key);
        }
    }

    private void apply(MaintenanceAlert c, OnTimerContext ctx, Collector<MaintenanceAlert> out)
            throws Exception {
        if (MaintenanceAlert.OVERHEATING.equals(c.type)) {
            MaintenanceAlert maintenance =
                    open.get(key(MaintenanceAlert.PREDICTIVE_MAINTENANCE, "vibration+temp"));
            if (maintenance != null && c.raisedTs <= maintenance.endTs + mergeGapMs) {
                c = extendOnly(c, maintenance);
            }
        }
        String key = key(c.type, c.sensor);
        MaintenanceAlert current = open.get(key);
        if (current == null) {
            MaintenanceAlert last = closed.get(key);
            if (last != null
                    && (c.startTs <= last.endTs || c.raisedTs <= last.endTs + mergeGapMs)) {
                // The same episode's evidence, after a gap longer than the merge gap; or evidence
                // raised within the gap that came after the alert closed (a spike is reported a
                // level window after its reading, and the watermark may have closed the alert in
                // between): it would have merged had it come sooner, and merges now.
                current = last;
            }
        }
        if (current != null
                && (c.raisedTs <= current.endTs + mergeGapMs || c.startTs <= current.endTs)) {
            if (c.endTs <= current.endTs && severity(c) <= severity(current)) {
                return;
            }
            current.endTs = Math.max(current.endTs, c.endTs);
            current.receivedAt = c.receivedAt;
            if (severity(c) > severity(current)) {
                current.severity = c.severity;
            }
            current.evidence = c.evidence;
        } else {
            if (current != null && "OPEN".equals(current.status)) {
                close(key, current, ctx, out);
            }
            current = c;
            current.alertId = MaintenanceAlert.idOf(c.machine, c.type, c.sensor, c.raisedTs);
            raised.computeIfAbsent(c.type, t -> metrics.addGroup("type", t).counter("alerts"))
                    .inc();
        }
        current.status = "OPEN";
        open.put(key, current);
        out.collect(current.copy());
        ctx.timerService().registerEventTimeTimer(current.endTs + mergeGapMs);
    }

    private void close(
            String key, MaintenanceAlert a, OnTimerContext ctx, Collector<MaintenanceAlert> out)
            throws Exception {
        a.status = "CLOSED";
        out.collect(a.copy());
        closed.put(key, a);
        ctx.timerService().registerEventTimeTimer(a.endTs + CONTINUABLE_MS);
    }

    /** The overheating evidence as an extension of the open predictive-maintenance alert. */
    private static MaintenanceAlert extendOnly(
            MaintenanceAlert heat, MaintenanceAlert maintenance) {
        MaintenanceAlert c = maintenance.copy();
        c.endTs = Math.max(maintenance.endTs, heat.endTs);
        c.raisedTs = heat.raisedTs;
        c.receivedAt = heat.receivedAt;
        if (severity(heat) > severity(maintenance)) {
            c.severity = heat.severity;
        }
        int now = maintenance.evidence.indexOf("; now ");
        String base = now < 0 ? maintenance.evidence : maintenance.evidence.substring(0, now);
        c.evidence = base + "; now " + heat.evidence;
        return c;
    }

    private static String key(String type, String sensor) {
        return type + "|" + sensor;
    }

    private static int severity(MaintenanceAlert a) {
        return "CRITICAL".equals(a.severity) ? 2 : 1;
    }
}
