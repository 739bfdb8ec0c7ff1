package dev.streamwall.pitwall.functions;

import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.StrategyInput;
import dev.streamwall.pitwall.records.TrackStatusChange;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per car, in event-time order: closes a lap when the next one starts and emits its summary; sends
 * each closed lap and every track-status change, in that event-time order, to {@link
 * #STRATEGY_INPUTS} (one channel per car, so the strategy applies them as they come, in the same
 * order in every run); clears the car's state a while after it has taken the chequered flag.
 */
public class LapAggregator extends KeyedProcessFunction<Integer, Telemetry, LapSummary> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<StrategyInput> STRATEGY_INPUTS =
            new OutputTag<>("strategy-inputs") {};

    /** A lap whose first sample is further than this from the line was joined mid-way. */
    static final double LINE_TOLERANCE_METRES = 150;

    private final long finishedRetentionMs;

    private transient ValueState<LapAccumulator> current;
    private transient ValueState<String> status;
    private transient Counter lapsClosed;

    public LapAggregator(Duration finishedRetention) {
        this.finishedRetentionMs = finishedRetention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        current =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("lap", LapAccumulator.class));
        status =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("track-status", String.class));
        lapsClosed = getRuntimeContext().getMetricGroup().counter("laps_closed");
    }

    @Override
    public void processElement(Telemetry t, Context ctx, Collector<LapSummary> out)
            throws Exception {
        String previousStatus = status.value();
        TrackStatusChange change = null;
        if (previousStatus != null && !previousStatus.equals(t.trackStatus)) {
            change =
                    new TrackStatusChange(
                            t.raceId, t.car, t.ts, t.lap, previousStatus, t.trackStatus);
            change.receivedAt = t.receivedAt;
        }
        if (!t.trackStatus.equals(previousStatus)) {
            status.update(t.trackStatus);
        }

        LapAccumulator acc = current.value();
        if (acc == null) {
            acc = LapAccumulator.startAt(t, t.ts, t.lapDistance <= LINE_TOLERANCE_METRES);
        } else if (t.lap > acc.lap) {
            long crossing = LapAccumulator.lineCrossing(acc.last, t);
            if (acc.complete && !acc.finished && t.lap == acc.lap + 1 && acc.lap <= acc.totalLaps) {
                lapsClosed.inc();
                LapSummary lap = acc.close(crossing);
                out.collect(lap);
                ctx.output(STRATEGY_INPUTS, StrategyInput.of(lap));
            }
            boolean finished =
                    t.lap > t.totalLaps || TrackStatus.CHEQUERED.name().equals(t.trackStatus);
            acc = LapAccumulator.startAt(t, crossing, t.lap == acc.lap + 1);
            if (finished) {
                // Crossing the line under the chequered flag ends the race, lapped or not; the
                // car's state goes once its cool-down lap is surely over.
                acc.finished = true;
                ctx.timerService().registerEventTimeTimer(t.ts + finishedRetentionMs);
            }
        } else if (t.lap < acc.lap) {
            // A new race with the same car (a replay of an earlier session): start over.
            acc = LapAccumulator.startAt(t, t.ts, t.lapDistance <= LINE_TOLERANCE_METRES);
        }
        acc.add(t);
        current.update(acc);
        if (change != null) {
            // After the lap this sample closed: the lap ended at the line, before the sample.
            ctx.output(STRATEGY_INPUTS, StrategyInput.of(change));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LapSummary> out)
            throws Exception {
        LapAccumulator acc = current.value();
        if (acc != null && acc.finished) {
            current.clear();
            status.clear();
        }
    }
}
