package dev.streamwall.pitwall.functions.strategy;

import dev.streamwall.common.metrics.HdrLatencyHistogram;
import dev.streamwall.pitwall.records.Call;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.records.StrategyDecision;
import dev.streamwall.pitwall.records.TrackStatusChange;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per car: a call after every completed lap and on every track-status change, from the stint state the
 * laps build up; the state is cleared a while after the car's race is over.
 */
public class StrategyFunction extends KeyedCoProcessFunction<Integer, LapTiming, TrackStatusChange, StrategyDecision> {
    private static final long serialVersionUID = 1L;

    private final StrategyParameters params;
    private final long finishedRetentionMs;

    private transient ValueState<StintState> state;
    private transient Map<Call, Counter> calls;
    private transient Histogram latency;

    public StrategyFunction(StrategyParameters params, Duration finishedRetention) {
        this.params = params;
        this.finishedRetentionMs = finishedRetention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("stint", StintState.class));
        MetricGroup group = getRuntimeContext().getMetricGroup();
        calls = new EnumMap<>(Call.class);
        for (Call c : Call.values()) {
            calls.put(c, group.addGroup("call", c.name()).counter("strategy_calls"));
        }
        latency = group.histogram("event_to_decision_latency_ms", new HdrLatencyHistogram());
    }

    @Override
    public void processElement1(LapTiming lap, Context ctx, Collector<StrategyDecision> out) throws Exception {
        StintState s = state.value();
        if (s == null || lap.lap < s.lastLap || !lap.raceId.equals(s.raceId)) {
            s = new StintState();
        } else if (lap.lap == s.lastLap) {
            return; // the same lap again (a replayed record): its call was already made
        }
        StrategyModel.update(s, lap, params);
        emit(StrategyModel.decide(s, "LAP", lap.lapEndTs, lap.lap + 1, params), lap.receivedAt, s, out);
        if (lap.lap >= lap.totalLaps) {
            ctx.timerService().registerEventTimeTimer(lap.lapEndTs + finishedRetentionMs);
        }
        state.update(s);
    }

    @Override
    public void processElement2(TrackStatusChange change, Context ctx, Collector<StrategyDecision> out) throws Exception {
        StintState s = state.value();
        if (s == null || s.lastLap >= s.totalLaps) {
            return; // no lap completed yet: the first lap's call will see the status
        }
        s.trackStatus = change.to;
        emit(StrategyModel.decide(s, "TRACK_STATUS", change.ts, change.lap, params), change.receivedAt, s, out);
        state.update(s);
    }

    private void emit(StrategyDecision d, long receivedAt, StintState s, Collector<StrategyDecision> out) {
        d.receivedAt = receivedAt;
        s.lastCall = d.call;
        calls.get(Call.valueOf(d.call)).inc();
        if (receivedAt > 0) {
            latency.update(System.currentTimeMillis() - receivedAt);
        }
        out.collect(d);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StrategyDecision> out) throws Exception {
        StintState s = state.value();
        if (s != null && s.lastLap >= s.totalLaps) {
            state.clear();
        }
    }
}
