package dev.streamwall.pitwall.functions.anomaly;

import dev.streamwall.pitwall.records.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per car and alert type, turns repeated pattern matches into one alert with a lifecycle: it opens
 * on the first match, is extended while matches keep coming within the merge gap, and closes (in
 * event time) once they stop. Every state change is emitted under the same deterministic alert id.
 *
 * <p>A match reaches this operator only once the watermark has passed its last event, which can be
 * a pattern's span after its first. So an alert closes only when the watermark is past its end, the
 * merge gap and that span: every match that could still merge into it has arrived by then, and
 * whether two matches become one alert does not depend on how the watermark happened to advance.
 */
public class AlertTracker extends KeyedProcessFunction<Integer, Alert, Alert> {
    private static final long serialVersionUID = 1L;

    private final long mergeGapMs;
    private final long matchSpanMs;

    private transient MapState<String, Alert> open;
    private transient MetricGroup metrics;
    private transient Map<String, Counter> raised;

    /**
     * @param matchSpan the longest time from a match's first event to its last (the rules' {@code
     *     within})
     */
    public AlertTracker(Duration mergeGap, Duration matchSpan) {
        this.mergeGapMs = mergeGap.toMillis();
        this.matchSpanMs = matchSpan.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        open =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "open-alerts",
                                        Types.STRING,
                                        TypeInformation.of(Alert.class)));
        metrics = getRuntimeContext().getMetricGroup();
        raised = new HashMap<>();
    }

    @Override
    public void processElement(Alert candidate, Context ctx, Collector<Alert> out)
            throws Exception {
        Alert current = open.get(candidate.type);
        Long now = ctx.timestamp();
        if (current != null && now != null && current.endTs + mergeGapMs + matchSpanMs < now) {
            // Its close timer is due before this match: whether it has fired yet depends on the
            // watermark's pace, so it closes here when it has not (a match can start within the
            // gap yet complete after the span: a consecutive rule's onset counts from a condition
            // that closed later than its first second).
            close(current, out);
            open.remove(candidate.type);
            current = null;
        }
        if (current != null && candidate.startTs <= current.endTs + mergeGapMs) {
            if (candidate.endTs <= current.endTs && severity(candidate) <= severity(current)) {
                return; // nothing new
            }
            current.endTs = Math.max(current.endTs, candidate.endTs);
            if (severity(candidate) > severity(current)) {
                current.severity = candidate.severity;
            }
            current.evidence = candidate.evidence;
            current.lap = candidate.lap;
            current.receivedAt = candidate.receivedAt;
        } else {
            if (current != null) {
                close(current, out);
            }
            current = candidate;
            current.alertId =
                    Alert.idOf(candidate.raceId, candidate.car, candidate.type, candidate.startTs);
            raised.computeIfAbsent(
                            candidate.type, t -> metrics.addGroup("type", t).counter("alerts"))
                    .inc();
        }
        current.status = "OPEN";
        open.put(current.type, current);
        out.collect(copy(current));
        ctx.timerService().registerEventTimeTimer(current.endTs + mergeGapMs + matchSpanMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<String> closed = new ArrayList<>();
        for (Map.Entry<String, Alert> e : open.entries()) {
            Alert a = e.getValue();
            if (a.endTs + mergeGapMs + matchSpanMs <= timestamp) {
                close(a, out);
                closed.add(e.getKey());
            }
        }
        // Removing by key, not through the iterator: the heap backend then drops the emptied map,
        // so a car with no open alert holds no state.
        for (String type : closed) {
            open.remove(type);
        }
    }

    private void close(Alert a, Collector<Alert> out) {
        a.status = "CLOSED";
        out.collect(copy(a));
    }

    private static int severity(Alert a) {
        return "CRITICAL".equals(a.severity) ? 2 : 1;
    }

    private static Alert copy(Alert a) {
        Alert c = new Alert();
        c.alertId = a.alertId;
        c.raceId = a.raceId;
        c.car = a.car;
        c.driver = a.driver;
        c.type = a.type;
        c.severity = a.severity;
        c.startTs = a.startTs;
        c.endTs = a.endTs;
        c.status = a.status;
        c.evidence = a.evidence;
        c.lap = a.lap;
        c.receivedAt = a.receivedAt;
        return c;
    }
}
