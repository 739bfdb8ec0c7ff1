package dev.streamwall.pitwall.functions.strategy;

import dev.streamwall.common.metrics.HdrLatencyHistogram;
import dev.streamwall.common.time.HeldUntilWatermark;
import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.records.StintOutlook;
import dev.streamwall.pitwall.records.StrategyDecision;
import dev.streamwall.pitwall.records.StrategyInput;
import dev.streamwall.pitwall.records.TrackStatusChange;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per car: the stint's outlook after every completed lap and on every track-status change (the
 * {@link #OUTLOOK} side output), from the stint state the laps build up, and the decisions of the
 * car's pit call when the outlook opens, advances or closes it (the main output; see {@link
 * CallLifecycle}); the state is cleared a while after the car's race is over.
 */
public class StrategyFunction
        extends KeyedProcessFunction<Integer, StrategyInput, StrategyDecision> {
    private static final long serialVersionUID = 1L;

    /** The lap-by-lap outlook of every car. */
    public static final OutputTag<StintOutlook> OUTLOOK =
            new OutputTag<>("stint-outlook", TypeInformation.of(StintOutlook.class));

    /** The steps a call can take, each counted as {@code strategy_calls{call=...}}. */
    static final List<String> STEPS =
            List.of(
                    "PREPARE",
                    "BOX_NOW",
                    "BOX_OPPORTUNITY",
                    StrategyDecision.PITTED,
                    StrategyDecision.WITHDRAWN);

    /**
     * A car that has completed no lap for this long is out of the race (retired): the rules cap a
     * race, suspensions included, at three hours.
     */
    static final Duration RETIRED_AFTER = Duration.ofHours(3);

    private final StrategyParameters params;
    private final long finishedRetentionMs;

    /** Each input is applied as it comes instead of when the watermark passes it. */
    private final boolean atOnce;

    private transient ValueState<StintState> state;
    private transient HeldUntilWatermark<Pending> pending;
    private transient Map<String, Counter> calls;
    private transient Histogram latency;

    public StrategyFunction(StrategyParameters params, Duration finishedRetention) {
        this(params, finishedRetention, false);
    }

    private StrategyFunction(
            StrategyParameters params, Duration finishedRetention, boolean atOnce) {
        this.params = params;
        this.finishedRetentionMs = finishedRetention.toMillis();
        this.atOnce = atOnce;
    }

    /**
     * The same calls, made as each input arrives (provisional laps, in their arrival order) instead
     * of when the watermark passes it: for the provisional calls.
     */
    public static StrategyFunction atOnce(StrategyParameters params, Duration finishedRetention) {
        return new StrategyFunction(params, finishedRetention, true);
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("stint", StintState.class));
        pending =
                HeldUntilWatermark.of(
                        getRuntimeContext(), "pending", TypeInformation.of(Pending.class));
        MetricGroup group = getRuntimeContext().getMetricGroup();
        calls = new HashMap<>();
        for (String step : STEPS) {
            calls.put(step, group.addGroup("call", step).counter("strategy_calls"));
        }
        latency = group.histogram("event_to_decision_latency_ms", new HdrLatencyHistogram());
    }

    /**
     * One buffered input: a completed lap (with the field's count of other cars' stops during it)
     * or a track-status change, held until the watermark passes it.
     */
    public static class Pending {
        public LapTiming lap;
        public TrackStatusChange change;
        public int fieldStops;

        public Pending() {}
    }

    /**
     * Holds an input until the watermark passes it, then applies it ({@link #onTimer}): a car's
     * inputs reach this stage from the field stage's task of its race, so a car's next race can
     * come in ahead of the end of its last one (a replay of a season); applied in event-time order,
     * they give the same calls in every run. The field stage releases an input with the watermark
     * that passes it and sends that watermark right after, so the wait costs no more than that.
     */
    @Override
    public void processElement(StrategyInput in, Context ctx, Collector<StrategyDecision> out)
            throws Exception {
        long ts = ctx.timestamp();
        Pending p = new Pending();
        p.lap = in.lap;
        p.change = in.change;
        p.fieldStops = in.fieldStops;
        if (atOnce) {
            apply(p, ctx, out);
        } else {
            pending.hold(ts, p, ctx.timerService());
        }
    }

    private void apply(Pending p, Context ctx, Collector<StrategyDecision> out) throws Exception {
        if (p.lap != null) {
            onLap(p.lap, p.fieldStops, ctx, out);
        } else {
            onStatusChange(p.change, ctx, out);
        }
    }

    private void onLap(LapTiming lap, int fieldStops, Context ctx, Collector<StrategyDecision> out)
            throws Exception {
        TimerService timers = ctx.timerService();
        StintState s = stintFor(state.value(), lap);
        if (s == null) {
            return; // the same lap again (a replayed record): its call was already made
        }
        long retired = s.lastLapEndTs + RETIRED_AFTER.toMillis();
        if (s.lastLapEndTs > 0 && !pending.holds(retired)) {
            timers.deleteEventTimeTimer(retired);
        }
        emit(afterLap(s, lap, fieldStops, params), lap.receivedAt, ctx, out);
        if (finished(s)) {
            timers.registerEventTimeTimer(lap.lapEndTs + finishedRetentionMs);
        } else {
            timers.registerEventTimeTimer(lap.lapEndTs + RETIRED_AFTER.toMillis());
        }
        state.update(s);
    }

    private void onStatusChange(
            TrackStatusChange change, Context ctx, Collector<StrategyDecision> out)
            throws Exception {
        StintState s = state.value();
        Step step = afterStatusChange(s, change, params);
        if (step != null) {
            emit(step, change.receivedAt, ctx, out);
            state.update(s);
        }
    }

    /**
     * The stint a lap continues: {@code s}, a fresh one (the car's first lap, or a new race), or
     * null when the lap was already applied (a replayed record).
     */
    public static StintState stintFor(StintState s, LapTiming lap) {
        if (s == null || lap.lap < s.lastLap || !lap.raceId.equals(s.raceId)) {
            return new StintState();
        }
        return lap.lap == s.lastLap ? null : s;
    }

    /** What one input makes of a car: its outlook now and the steps its pit call takes. */
    public record Step(StintOutlook outlook, List<StrategyDecision> decisions) {}

    /** Applies a completed lap to its stint, works out the outlook and moves the call on. */
    public static Step afterLap(StintState s, LapTiming lap, StrategyParameters p) {
        return afterLap(s, lap, 0, p);
    }

    /**
     * {@link #afterLap(StintState, LapTiming, StrategyParameters)} with the field's count of other
     * cars' stops during the lap ({@link FieldFunction}).
     */
    public static Step afterLap(StintState s, LapTiming lap, int fieldStops, StrategyParameters p) {
        s.fieldStops = fieldStops;
        StintFit.update(s, lap, p);
        StintOutlook o = StrategyModel.decide(s, "LAP", lap.lapEndTs, lap.lap + 1, p);
        s.lastCall = o.call;
        return new Step(o, CallLifecycle.advance(s, o));
    }

    /**
     * Applies a track-status change, works out the outlook and moves the call on; null when the car
     * has no lap yet (its first lap's outlook will see the status) or its race is over.
     */
    public static Step afterStatusChange(
            StintState s, TrackStatusChange change, StrategyParameters p) {
        if (s == null || finished(s)) {
            return null;
        }
        s.trackStatus = change.to;
        s.statusChangeTs = Math.max(s.statusChangeTs, change.ts);
        StintOutlook o = StrategyModel.decide(s, "TRACK_STATUS", change.ts, change.lap, p);
        s.lastCall = o.call;
        return new Step(o, CallLifecycle.advance(s, o));
    }

    /**
     * The car has taken the flag: its last lap was the race's last, or it crossed the line under
     * the chequered flag a lap or more down.
     */
    private static boolean finished(StintState s) {
        return s.lastLap >= s.totalLaps || TrackStatus.CHEQUERED.name().equals(s.trackStatus);
    }

    private void emit(Step step, long receivedAt, Context ctx, Collector<StrategyDecision> out) {
        step.outlook().receivedAt = receivedAt;
        ctx.output(OUTLOOK, step.outlook());
        for (StrategyDecision d : step.decisions()) {
            d.receivedAt = receivedAt;
            calls.get(d.call).inc();
            out.collect(d);
        }
        if (receivedAt > 0) {
            latency.update(System.currentTimeMillis() - receivedAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StrategyDecision> out)
            throws Exception {
        // In the order they came: the lap stage's order for the car.
        for (Pending p : pending.release(timestamp)) {
            apply(p, ctx, out);
        }
        // The clean-up timers are those of the latest lap: other timers fire for inputs.
        StintState s = state.value();
        if (s != null
                && (finished(s) && timestamp == s.lastLapEndTs + finishedRetentionMs
                        || timestamp == s.lastLapEndTs + RETIRED_AFTER.toMillis())) {
            state.clear();
        }
    }
}
