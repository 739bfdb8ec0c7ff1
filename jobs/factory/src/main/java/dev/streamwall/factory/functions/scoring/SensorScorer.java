package dev.streamwall.factory.functions.scoring;

import dev.streamwall.common.state.CachedValueState;
import dev.streamwall.common.state.WriteBehind;
import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.ScoredReading;
import dev.streamwall.generators.factory.SensorReading;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per machine sensor (key {@code machine|sensor}), in event-time order: scores every reading
 * against the sensor's own adaptive statistics ({@link SensorModel}) and reports anomaly episodes
 * on {@link #ANOMALIES}. A sensor silent for the idle retention (event time) is forgotten. Each
 * sensor's model is read and written through operator memory and written to the state backend
 * before each checkpoint: run it in a {@link
 * dev.streamwall.common.state.WriteBehindProcessOperator}.
 */
public class SensorScorer extends KeyedProcessFunction<String, SensorReading, ScoredReading>
        implements WriteBehind<String> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Anomaly> ANOMALIES = new OutputTag<>("anomalies") {};

    private static final long MINUTE = 60_000;

    private final ScoringParameters params;

    /** Provisional: arrival order (see {@link #provisional}). */
    private final boolean provisional;

    private transient CachedValueState<String, SensorModel> model;
    private transient Counter outOfOrder;
    private transient MetricGroup metrics;
    private transient Map<String, Counter> byKind;

    public SensorScorer(ScoringParameters params) {
        this(params, false);
    }

    private SensorScorer(ScoringParameters params, boolean provisional) {
        this.params = params;
        this.provisional = provisional;
    }

    /**
     * The same scoring of each sensor's readings in arrival order, for the provisional alerts, with
     * a model of its own: a reading older than its sensor's newest, or the same reading again, is
     * left out and counted ({@code provisional_readings_out_of_order}), where the final scoring
     * would have put it in its place or dropped it as a duplicate.
     */
    public static SensorScorer provisional(ScoringParameters params) {
        return new SensorScorer(params, true);
    }

    @Override
    public void open(OpenContext openContext) {
        model =
                CachedValueState.of(
                        getRuntimeContext(),
                        new ValueStateDescriptor<>(
                                "sensor-model", TypeInformation.of(SensorModel.class)));
        metrics = getRuntimeContext().getMetricGroup();
        byKind = new HashMap<>();
        outOfOrder = provisional ? metrics.counter("provisional_readings_out_of_order") : null;
    }

    @Override
    public void processElement(SensorReading r, Context ctx, Collector<ScoredReading> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        SensorModel m = model.value(key);
        if (m != null
                && m.cleanupTimer != 0
                && m.cleanupTimer <= r.ts
                && expired(m, m.cleanupTimer)) {
            // The cleanup timer is due before this reading: whether it has fired yet depends on
            // when the watermark came, so its work is done here when it has not (the same
            // outputs either way; a series slower than the retention while its step is unknown,
            // after one reading, would otherwise keep or lose that reading by chance).
            ctx.timerService().deleteEventTimeTimer(m.cleanupTimer);
            m.closeAll(r.machine, r.sensor, m.lastTs, params, a -> ctx.output(ANOMALIES, a));
            m = null;
        }
        if (m == null) {
            m = new SensorModel();
        } else if (provisional
                && (r.ts < m.lastTs || (r.ts == m.lastTs && r.value == m.lastValue))) {
            outOfOrder.inc();
            return;
        }
        out.collect(
                m.observe(
                        r.machine,
                        r.sensor,
                        r.ts,
                        r.value,
                        params,
                        a -> {
                            a.receivedAt = r.receivedAt;
                            if (a.phase == Anomaly.Phase.START || Anomaly.SPIKE.equals(a.kind)) {
                                count(a.kind);
                            }
                            ctx.output(ANOMALIES, a);
                        }));
        // One cleanup timer per sensor, moved at most once a minute (and brought forward once,
        // when the second reading tells the step the first one's retention did not know).
        long due = (r.ts + m.retentionMs(params)) / MINUTE * MINUTE + MINUTE;
        if (due > m.cleanupTimer || m.n == 2 && due < m.cleanupTimer) {
            if (m.cleanupTimer != 0) {
                ctx.timerService().deleteEventTimeTimer(m.cleanupTimer);
            }
            ctx.timerService().registerEventTimeTimer(due);
            m.cleanupTimer = due;
        }
        model.update(key, m);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoredReading> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        SensorModel m = model.value(key);
        if (m == null) {
            return;
        }
        if (expired(m, timestamp)) {
            String[] parts = key.split("\\|", 2);
            m.closeAll(parts[0], parts[1], m.lastTs, params, a -> ctx.output(ANOMALIES, a));
            model.clear(key);
        } else {
            long due = (m.lastTs + m.retentionMs(params)) / MINUTE * MINUTE + MINUTE;
            ctx.timerService().registerEventTimeTimer(due);
            m.cleanupTimer = due;
            model.update(key, m);
        }
    }

    /** True when the sensor has been silent for its retention at {@code ts}. */
    private boolean expired(SensorModel m, long ts) {
        return m.lastTs + m.retentionMs(params) <= ts;
    }

    @Override
    public void writeBehind(CachedValueState.KeySetter<String> keys) throws Exception {
        model.writeBehind(keys);
    }

    private void count(String kind) {
        byKind.computeIfAbsent(kind, k -> metrics.addGroup("kind", k).counter("anomalies")).inc();
    }
}
