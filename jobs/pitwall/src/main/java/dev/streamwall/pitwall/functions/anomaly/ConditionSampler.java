package dev.streamwall.pitwall.functions.anomaly;

import dev.streamwall.common.state.CachedValueState;
import dev.streamwall.common.state.WriteBehind;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.functions.LapAggregator;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.AlertType;
import dev.streamwall.pitwall.records.CarCondition;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per car, in event-time order: one {@link CarCondition} per second for the CEP patterns, and a
 * missing-data alert (to {@link #DROPOUTS}) from event-time timers when a car that is still racing
 * stops sending while the rest of the field moves the watermark on. Its state is read and written
 * through operator memory: run it in a {@link
 * dev.streamwall.common.state.WriteBehindProcessOperator}.
 */
public class ConditionSampler extends KeyedProcessFunction<Integer, Telemetry, CarCondition>
        implements WriteBehind<Integer> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Alert> DROPOUTS = new OutputTag<>("dropouts") {};

    private final long silenceMs;
    private final long finishedRetentionMs;

    /** Provisional: arrival order, no dropouts (see {@link #provisional}). */
    private final boolean provisional;

    private transient Counter outOfOrder;

    private transient CachedValueState<Integer, ConditionAccumulator> accumulator;

    /** Start of the silence being reported, or null while data flows. */
    private transient CachedValueState<Integer, Long> silentSince;

    public ConditionSampler(Duration silence, Duration finishedRetention) {
        this(silence, finishedRetention, false);
    }

    private ConditionSampler(Duration silence, Duration finishedRetention, boolean provisional) {
        this.silenceMs = silence.toMillis();
        this.finishedRetentionMs = finishedRetention.toMillis();
        this.provisional = provisional;
    }

    /**
     * The same conditions from each car's samples in arrival order, for the provisional alerts: a
     * second closes when the first sample of a later one arrives, without waiting for the
     * watermark; a sample older than the car's newest is left out (counted as {@code
     * provisional_samples_out_of_order}). No dropout alerts: silence is a matter of event time,
     * which only the watermark tells. A car silent for the finished retention is forgotten.
     */
    public static ConditionSampler provisional(Duration finishedRetention) {
        return new ConditionSampler(finishedRetention, finishedRetention, true);
    }

    @Override
    public void open(OpenContext openContext) {
        accumulator =
                CachedValueState.of(
                        getRuntimeContext(),
                        new ValueStateDescriptor<>("condition", ConditionAccumulator.class));
        silentSince =
                CachedValueState.of(
                        getRuntimeContext(),
                        new ValueStateDescriptor<>("silent-since", Long.class));
        outOfOrder = provisional ? LapAggregator.outOfOrderCounter(getRuntimeContext()) : null;
    }

    @Override
    public void processElement(Telemetry t, Context ctx, Collector<CarCondition> out)
            throws Exception {
        Integer key = ctx.getCurrentKey();
        ConditionAccumulator acc = accumulator.value(key);
        if (acc == null) {
            acc = new ConditionAccumulator();
        }
        if (!provisional
                && acc.finished
                && acc.samples > 0
                && t.ts - acc.lastTs >= finishedRetentionMs) {
            // Past its retention a finished car is forgotten, whether or not its timer has fired
            // yet (that depends on the watermark's pace): this sample starts afresh either way.
            acc = new ConditionAccumulator();
            silentSince.clear(key);
        }
        if (provisional && acc.samples > 0) {
            if (t.ts <= acc.lastTs) {
                outOfOrder.inc();
                return;
            }
            if (t.ts - acc.lastTs >= finishedRetentionMs) {
                acc = new ConditionAccumulator(); // as the final sampler: the car starts afresh
            }
        }
        Long silent = provisional ? null : silentSince.value(key);
        if (!provisional
                && (silent != null
                        || acc.samples > 0 && !acc.finished && t.ts - acc.lastTs >= silenceMs)) {
            // The silence is over. Its timers fire as the watermark passes them, but how far one
            // watermark jumps depends on how fast the job runs: the checks still due before this
            // sample are made here, as their timers would have made them, so every run reports
            // the same dropout, second by second.
            long watermark = ctx.timerService().currentWatermark();
            boolean forgotten = false;
            for (long check = firstCheck(acc.lastTs); check < t.ts; check += 1000) {
                if (check > watermark) {
                    ctx.output(DROPOUTS, dropout(acc, acc.lastTs, check));
                }
                if (check - acc.lastTs >= finishedRetentionMs) {
                    forgotten = true; // as onTimer: the car had stopped; this sample starts afresh
                    break;
                }
            }
            if (forgotten) {
                acc = new ConditionAccumulator();
            } else {
                ctx.output(DROPOUTS, dropout(acc, silent != null ? silent : acc.lastTs, t.ts));
            }
            silentSince.clear(key);
        }
        boolean newSecond = acc.samples == 0 || acc.startsNewSecond(t);
        if (acc.startsNewSecond(t)) {
            CarCondition closed = acc.condition();
            Long now = ctx.timestamp();
            closed.closedTs = now != null ? now : t.ts;
            out.collect(closed);
        }
        boolean wasFinished = acc.finished;
        acc.add(t);
        accumulator.update(key, acc);
        if (newSecond || acc.finished != wasFinished) {
            long nextSecond = (Math.floorDiv(t.ts, 1000L) + 1) * 1000;
            // Past the flag the car will stop sending: silence is expected, so forget it later.
            ctx.timerService()
                    .registerEventTimeTimer(
                            nextSecond + (acc.finished ? finishedRetentionMs : silenceMs));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CarCondition> out)
            throws Exception {
        Integer key = ctx.getCurrentKey();
        ConditionAccumulator acc = accumulator.value(key);
        if (acc == null) {
            return;
        }
        if (acc.finished || provisional) {
            if (acc.lastTs + finishedRetentionMs <= timestamp) {
                accumulator.clear(key);
                silentSince.clear(key);
            }
            return;
        }
        // The final watermark of a bounded input fires every timer: that is the end of the data,
        // not a dropout.
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return;
        }
        // Checked from the same second as the replay in processElement (a timer from the second
        // before a last sample that fell exactly on a second would otherwise check once more).
        if (timestamp >= firstCheck(acc.lastTs)) {
            if (silentSince.value(key) == null) {
                silentSince.update(key, acc.lastTs);
            }
            ctx.output(DROPOUTS, dropout(acc, acc.lastTs, timestamp));
            if (timestamp - acc.lastTs < finishedRetentionMs) {
                ctx.timerService().registerEventTimeTimer(timestamp + 1000);
            } else {
                // Silent for this long, the car has stopped (retired or crashed): the alert closes
                // and the car is forgotten; should it send again, it starts afresh.
                accumulator.clear(key);
                silentSince.clear(key);
            }
        }
    }

    @Override
    public void writeBehind(CachedValueState.KeySetter<Integer> keys) throws Exception {
        accumulator.writeBehind(keys);
        silentSince.writeBehind(keys);
    }

    /** When a car last heard at {@code lastTs} is first checked for silence (a timer's time). */
    private long firstCheck(long lastTs) {
        return (Math.floorDiv(lastTs, 1000L) + 1) * 1000 + silenceMs;
    }

    private Alert dropout(ConditionAccumulator acc, long from, long to) {
        Alert a = new Alert();
        a.raceId = acc.raceId;
        a.car = acc.car;
        a.driver = acc.driver;
        a.type = AlertType.SENSOR_DROPOUT.name();
        a.severity = "WARNING";
        a.startTs = from;
        a.endTs = to;
        a.lap = acc.lap;
        a.evidence =
                String.format(
                        Locale.ROOT,
                        "no telemetry for %.1f s on lap %d",
                        (to - from) / 1000.0,
                        acc.lap);
        return a;
    }
}
