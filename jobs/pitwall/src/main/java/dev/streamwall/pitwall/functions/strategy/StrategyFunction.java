package dev.streamwall.pitwall.functions.strategy;

import dev.streamwall.common.metrics.HdrLatencyHistogram;
import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.Call;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.records.StrategyDecision;
import dev.streamwall.pitwall.records.StrategyInput;
import dev.streamwall.pitwall.records.TrackStatusChange;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per car: a call after every completed lap and on every track-status change, from the stint state
 * the laps build up; the state is cleared a while after the car's race is over.
 */
public class StrategyFunction
        extends KeyedProcessFunction<Integer, StrategyInput, StrategyDecision> {
    private static final long serialVersionUID = 1L;

    /**
     * A car that has completed no lap for this long is out of the race (retired): the rules cap a
     * race, suspensions included, at three hours.
     */
    static final Duration RETIRED_AFTER = Duration.ofHours(3);

    private final StrategyParameters params;
    private final long finishedRetentionMs;

    private transient ValueState<StintState> state;
    private transient MapState<Long, List<Pending>> pending;
    private transient Map<Call, Counter> calls;
    private transient Histogram latency;

    public StrategyFunction(StrategyParameters params, Duration finishedRetention) {
        this.params = params;
        this.finishedRetentionMs = finishedRetention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("stint", StintState.class));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        new ListTypeInfo<>(TypeInformation.of(Pending.class))));
        MetricGroup group = getRuntimeContext().getMetricGroup();
        calls = new EnumMap<>(Call.class);
        for (Call c : Call.values()) {
            calls.put(c, group.addGroup("call", c.name()).counter("strategy_calls"));
        }
        latency = group.histogram("event_to_decision_latency_ms", new HdrLatencyHistogram());
    }

    /**
     * One buffered input: a completed lap or a track-status change. Earlier versions held inputs
     * here until the watermark passed them; state restored from their savepoints is still applied
     * when its timers fire.
     */
    public static class Pending {
        public LapTiming lap;
        public TrackStatusChange change;

        public Pending() {}
    }

    /**
     * Applies a lap or a status change at once: a car's inputs come on one channel from one
     * upstream task, in event-time order, so every run applies them in the same order.
     */
    @Override
    public void processElement(StrategyInput in, Context ctx, Collector<StrategyDecision> out)
            throws Exception {
        if (in.lap != null) {
            onLap(in.lap, ctx.timerService(), out);
        } else if (in.change != null) {
            onStatusChange(in.change, out);
        }
    }

    private void apply(Pending p, TimerService timers, Collector<StrategyDecision> out)
            throws Exception {
        if (p.lap != null) {
            onLap(p.lap, timers, out);
        } else {
            onStatusChange(p.change, out);
        }
    }

    private void onLap(LapTiming lap, TimerService timers, Collector<StrategyDecision> out)
            throws Exception {
        StintState s = stintFor(state.value(), lap);
        if (s == null) {
            return; // the same lap again (a replayed record): its call was already made
        }
        if (s.lastLapEndTs > 0) {
            timers.deleteEventTimeTimer(s.lastLapEndTs + RETIRED_AFTER.toMillis());
        }
        emit(afterLap(s, lap, params), lap.receivedAt, out);
        if (finished(s)) {
            timers.registerEventTimeTimer(lap.lapEndTs + finishedRetentionMs);
        } else {
            timers.registerEventTimeTimer(lap.lapEndTs + RETIRED_AFTER.toMillis());
        }
        state.update(s);
    }

    private void onStatusChange(TrackStatusChange change, Collector<StrategyDecision> out)
            throws Exception {
        StintState s = state.value();
        StrategyDecision d = afterStatusChange(s, change, params);
        if (d != null) {
            emit(d, change.receivedAt, out);
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

    /** Applies a completed lap to its stint and makes the call. */
    public static StrategyDecision afterLap(StintState s, LapTiming lap, StrategyParameters p) {
        StrategyModel.update(s, lap, p);
        StrategyDecision d = StrategyModel.decide(s, "LAP", lap.lapEndTs, lap.lap + 1, p);
        s.lastCall = d.call;
        return d;
    }

    /**
     * Applies a track-status change and makes the call; null when the car has no lap yet (its first
     * lap's call will see the status) or its race is over.
     */
    public static StrategyDecision afterStatusChange(
            StintState s, TrackStatusChange change, StrategyParameters p) {
        if (s == null || finished(s)) {
            return null;
        }
        s.trackStatus = change.to;
        s.statusChangeTs = Math.max(s.statusChangeTs, change.ts);
        StrategyDecision d = StrategyModel.decide(s, "TRACK_STATUS", change.ts, change.lap, p);
        s.lastCall = d.call;
        return d;
    }

    /**
     * The car has taken the flag: its last lap was the race's last, or it crossed the line under
     * the chequered flag a lap or more down.
     */
    private static boolean finished(StintState s) {
        return s.lastLap >= s.totalLaps || TrackStatus.CHEQUERED.name().equals(s.trackStatus);
    }

    private void emit(StrategyDecision d, long receivedAt, Collector<StrategyDecision> out) {
        d.receivedAt = receivedAt;
        calls.get(Call.valueOf(d.call)).inc();
        if (receivedAt > 0) {
            latency.update(System.currentTimeMillis() - receivedAt);
        }
        out.collect(d);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StrategyDecision> out)
            throws Exception {
        List<Pending> due = pending.get(timestamp);
        if (due != null) {
            pending.remove(timestamp);
            for (Pending p : due) {
                if (p.lap != null) {
                    apply(p, ctx.timerService(), out);
                }
            }
            for (Pending p : due) {
                if (p.change != null) {
                    apply(p, ctx.timerService(), out);
                }
            }
        }
        StintState s = state.value();
        if (s != null
                && (finished(s) && timestamp >= s.lastLapEndTs + finishedRetentionMs
                        || timestamp >= s.lastLapEndTs + RETIRED_AFTER.toMillis())) {
            state.clear();
        }
    }
}
