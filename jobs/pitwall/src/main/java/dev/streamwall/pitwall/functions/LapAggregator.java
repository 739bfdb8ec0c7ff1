package dev.streamwall.pitwall.functions;

import dev.streamwall.common.state.CachedValueState;
import dev.streamwall.common.state.WriteBehind;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.StrategyInput;
import dev.streamwall.pitwall.types.TelemetryType;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
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
 *
 * <p>Its state is read and written through operator memory ({@link CachedValueState}) and written
 * to the state backend before each checkpoint: run it in a {@link
 * dev.streamwall.common.state.WriteBehindProcessOperator}.
 */
public class LapAggregator extends KeyedProcessFunction<Integer, Telemetry, LapSummary>
        implements WriteBehind<Integer> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<StrategyInput> STRATEGY_INPUTS =
            new OutputTag<>("strategy-inputs") {};

    /**
     * The provisional operator's samples, each car's in arrival order less those it left out, for
     * the provisional alerts (only when asked for: see {@link #provisional(Duration, boolean)}).
     */
    public static final OutputTag<Telemetry> ARRIVED_SAMPLES =
            new OutputTag<>("arrived-samples", TelemetryType.INSTANCE);

    private final long finishedRetentionMs;

    /** Provisional: arrival order (see {@link #provisional}). */
    private final boolean provisional;

    /** Whether the samples it takes go on to {@link #ARRIVED_SAMPLES}. */
    private final boolean forwardSamples;

    private transient CachedValueState<Integer, LapAccumulator> current;
    private transient CachedValueState<Integer, String> status;
    private transient Counter lapsClosed;
    private transient Counter implausibleLaps;
    private transient Counter statusFlipsIgnored;
    private transient Counter outOfOrder;

    /** One car's step, loaded with the key's state for each sample (no allocation per sample). */
    private transient LapTracker car;

    private transient Outputs sink;

    public LapAggregator(Duration finishedRetention) {
        this(finishedRetention, false, false);
    }

    private LapAggregator(Duration finishedRetention, boolean provisional, boolean forwardSamples) {
        this.finishedRetentionMs = finishedRetention.toMillis();
        this.provisional = provisional;
        this.forwardSamples = forwardSamples;
    }

    /**
     * The same lap analytics on each car's samples in arrival order instead of event-time order: a
     * lap's summary as soon as the first sample of the car's next lap arrives, without waiting for
     * the watermark (at real time, the 2 s of out-of-orderness). A sample older than the car's
     * newest is left out (counted as {@code provisional_samples_out_of_order}), so a provisional
     * lap can differ from the final one when a car's samples arrive out of order; the final laps
     * (this operator fed in event-time order) stay the job's record. Its strategy inputs, in the
     * same order, feed the provisional calls.
     */
    public static LapAggregator provisional(Duration finishedRetention) {
        return provisional(finishedRetention, false);
    }

    /**
     * {@link #provisional(Duration)}, also sending each sample it takes to {@link #ARRIVED_SAMPLES}
     * when {@code forwardSamples}.
     */
    public static LapAggregator provisional(Duration finishedRetention, boolean forwardSamples) {
        return new LapAggregator(finishedRetention, true, forwardSamples);
    }

    /**
     * The count of samples a provisional operator left out for arriving after a newer one of their
     * car ({@code provisional_samples_out_of_order}).
     */
    public static Counter outOfOrderCounter(RuntimeContext context) {
        return context.getMetricGroup().counter("provisional_samples_out_of_order");
    }

    @Override
    public void open(OpenContext openContext) {
        current =
                CachedValueState.of(
                        getRuntimeContext(),
                        new ValueStateDescriptor<>("lap", LapAccumulator.class));
        status =
                CachedValueState.of(
                        getRuntimeContext(),
                        new ValueStateDescriptor<>("track-status", String.class));
        lapsClosed = getRuntimeContext().getMetricGroup().counter("laps_closed");
        implausibleLaps = getRuntimeContext().getMetricGroup().counter("implausible_lap_samples");
        statusFlipsIgnored =
                getRuntimeContext().getMetricGroup().counter("track_status_flips_ignored");
        outOfOrder = provisional ? outOfOrderCounter(getRuntimeContext()) : null;
        car = new LapTracker(null, null);
        sink = new Outputs();
    }

    @Override
    public void processElement(Telemetry t, Context ctx, Collector<LapSummary> out)
            throws Exception {
        Integer key = ctx.getCurrentKey();
        car.current = current.value(key);
        String previousStatus = status.value(key);
        if (car.current != null
                && car.current.finished
                && t.ts >= car.current.lapStartTs + finishedRetentionMs) {
            // Past its retention a finished car is forgotten, whether or not its timer has fired
            // yet (that depends on the watermark's pace): this sample starts afresh either way.
            car.current = null;
            previousStatus = null;
            current.clear(key);
            status.clear(key);
        }
        if (provisional
                && car.current != null
                && car.current.last != null
                && t.ts <= car.current.last.ts) {
            outOfOrder.inc();
            return;
        }
        if (forwardSamples) {
            ctx.output(ARRIVED_SAMPLES, t);
        }
        car.status = previousStatus;
        sink.out = out;
        sink.ctx = ctx;
        boolean finished = car.accept(t, sink);
        if (finished) {
            // The car's state goes once its cool-down lap is surely over.
            ctx.timerService().registerEventTimeTimer(car.current.lapStartTs + finishedRetentionMs);
        }
        if (car.status != null && !car.status.equals(previousStatus)) {
            status.update(key, car.status);
        }
        if (car.current != null) {
            current.update(key, car.current);
        }
    }

    /** Where one sample's laps, strategy inputs and rejections go; reused for every sample. */
    private final class Outputs implements LapTracker.Sink {
        Collector<LapSummary> out;
        Context ctx;

        @Override
        public void lap(LapSummary lap) {
            lapsClosed.inc();
            out.collect(lap);
        }

        @Override
        public void strategy(StrategyInput input) {
            ctx.output(STRATEGY_INPUTS, input);
        }

        @Override
        public void implausibleLap(Telemetry t) {
            implausibleLaps.inc();
        }

        @Override
        public void statusFlipIgnored(Telemetry t) {
            statusFlipsIgnored.inc();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LapSummary> out)
            throws Exception {
        Integer key = ctx.getCurrentKey();
        LapAccumulator acc = current.value(key);
        // Only the timer of the finish the state holds (a car that crossed the line again since
        // holds a later one).
        if (acc != null && acc.finished && acc.lapStartTs + finishedRetentionMs <= timestamp) {
            current.clear(key);
            status.clear(key);
        }
    }

    @Override
    public void writeBehind(CachedValueState.KeySetter<Integer> keys) throws Exception {
        current.writeBehind(keys);
        status.writeBehind(keys);
    }
}
