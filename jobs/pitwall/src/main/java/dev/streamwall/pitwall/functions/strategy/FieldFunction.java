package dev.streamwall.pitwall.functions.strategy;

import dev.streamwall.common.time.HeldUntilWatermark;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.records.StrategyInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The field's view, per race: each car's strategy input leaves here, in event-time order, with how
 * many other cars were seen to stop while the car drove its lap ({@link StrategyInput#fieldStops}),
 * which a car's own timing cannot show. Stops are those of {@link StopSignature}: the in-lap where
 * timing flags it, else the out-lap that is far off the car's pace and loses places.
 *
 * <p>Deterministic whatever the order the race's inputs arrive in from the lap stages: an input
 * waits until the watermark passes it (the laps were emitted by the watermark that passed them, so
 * this costs no more than that watermark's way down), and its count takes only stops that ended
 * before it, strictly, from a time-indexed record of the race.
 */
public class FieldFunction extends KeyedProcessFunction<String, StrategyInput, StrategyInput> {
    private static final long serialVersionUID = 1L;

    /** Stops older than this are forgotten (no lap lasts as long outside a suspension). */
    static final Duration STOP_MEMORY = Duration.ofMinutes(10);

    /** A race with no input for this long is over: its field state is cleared. */
    static final Duration RACE_IDLE = StrategyFunction.RETIRED_AFTER;

    /**
     * Each input leaves as it comes instead of when the watermark passes it (see {@link #atOnce}).
     */
    private final boolean atOnce;

    private transient HeldUntilWatermark<StrategyInput> pending;
    private transient MapState<Integer, CarPace> cars;
    private transient MapState<Long, List<Integer>> stops;
    private transient ValueState<Long> clearAt;

    /** When inputs were last released (state added later: empty in older savepoints). */
    private transient ValueState<Long> lastReleased;

    private transient Counter stopsSeen;

    /** What the field stage keeps of a car: its pace, place and tyres a lap ago. */
    public static class CarPace {
        public double paceMs;
        public int position;
        public int lastLap;
        public String lastStatus;
        public Integer tyreAge;
        public String compound;
        public boolean pitData;

        public CarPace() {}
    }

    public FieldFunction() {
        this(false);
    }

    private FieldFunction(boolean atOnce) {
        this.atOnce = atOnce;
    }

    /**
     * The field's view for provisional calls: each input leaves as it arrives, counting the stops
     * that arrived before it. A stop that ends just before a car's lap but arrives after it (its
     * car's lap stage lagging the other's) is missed there, so a provisional count can be lower
     * than the final one.
     */
    public static FieldFunction atOnce() {
        return new FieldFunction(true);
    }

    @Override
    public void open(OpenContext openContext) {
        pending =
                HeldUntilWatermark.of(
                        getRuntimeContext(),
                        "field-pending",
                        TypeInformation.of(StrategyInput.class));
        cars =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "field-cars",
                                        Types.INT,
                                        TypeInformation.of(CarPace.class)));
        stops =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "field-stops", Types.LONG, new ListTypeInfo<>(Types.INT)));
        clearAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("field-clear", Types.LONG));
        lastReleased =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("field-last-released", Types.LONG));
        stopsSeen = getRuntimeContext().getMetricGroup().counter("field_stops_seen");
    }

    @Override
    public void processElement(StrategyInput in, Context ctx, Collector<StrategyInput> out)
            throws Exception {
        long ts = ctx.timestamp();
        if (atOnce) {
            release(List.of(in), ts, out);
        } else {
            // Behind the watermark (not expected: the lap stages emit at the watermark that
            // passes a lap), the timer fires with the next one; the count is the same either way.
            pending.hold(ts, in, ctx.timerService());
        }
        Long clear = clearAt.value();
        long next = ts + RACE_IDLE.toMillis();
        if (clear == null || clear < next) {
            // Not the timer that releases an input held at that very time.
            if (clear != null && (atOnce || !pending.holds(clear))) {
                ctx.timerService().deleteEventTimeTimer(clear);
            }
            ctx.timerService().registerEventTimeTimer(next);
            clearAt.update(next);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StrategyInput> out)
            throws Exception {
        List<StrategyInput> due = new ArrayList<>(pending.release(timestamp));
        if (!due.isEmpty()) {
            // A race idle for longer than RACE_IDLE is over, whether its idle timer fired before
            // this input came (that depends on the watermark's pace) or not: the same field.
            Long last = lastReleased.value();
            if (last != null && timestamp - last > RACE_IDLE.toMillis()) {
                cars.clear();
                stops.clear();
            }
            lastReleased.update(timestamp);
            // Each car's inputs in the order they came (one channel per car); the cars in a fixed
            // order.
            due.sort(Comparator.comparingInt(StrategyInput::car));
            release(due, timestamp, out);
        }
        Long clear = clearAt.value();
        if (clear != null && timestamp >= clear) {
            cars.clear();
            stops.clear();
            clearAt.clear();
            lastReleased.clear();
        }
    }

    /** Sends inputs of one time on, each count taken before any of them is recorded. */
    private void release(List<StrategyInput> due, long timestamp, Collector<StrategyInput> out)
            throws Exception {
        for (StrategyInput in : due) {
            if (in.lap != null) {
                in.fieldStops = stopsDuring(in.lap);
            }
        }
        for (StrategyInput in : due) {
            if (in.lap != null) {
                record(in.lap);
            }
            out.collect(in);
        }
        forgetBefore(timestamp - STOP_MEMORY.toMillis());
    }

    /**
     * Stops of other cars that ended while {@code lap} was driven: after its start, before its end.
     */
    private int stopsDuring(LapTiming lap) throws Exception {
        long start = lap.lapEndTs - lap.lapTimeMs;
        int n = 0;
        for (Map.Entry<Long, List<Integer>> stop : stops.entries()) {
            if (stop.getKey() > start && stop.getKey() < lap.lapEndTs) {
                for (int car : stop.getValue()) {
                    if (car != lap.car) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Folds a lap into its car's pace and records the stop it shows, if any. */
    private void record(LapTiming lap) throws Exception {
        CarPace c = cars.get(lap.car);
        if (c == null) {
            c = new CarPace();
        } else if (lap.lap <= c.lastLap) {
            return; // a lap seen before (a replayed record)
        }
        c.pitData |= StopSignature.carriesPitData(lap);
        boolean stopped =
                c.pitData
                        ? StopSignature.flagged(lap, c.tyreAge, c.compound)
                        : c.lastLap > 0 && StopSignature.outLap(lap, c.paceMs, c.position);
        c.paceMs = StopSignature.pace(c.paceMs, lap, stopped && !c.pitData, c.lastStatus);
        c.position = lap.position;
        c.lastLap = lap.lap;
        c.lastStatus = lap.trackStatus;
        c.tyreAge = lap.tyreAge;
        c.compound = lap.tyreCompound != null ? lap.tyreCompound : c.compound;
        cars.put(lap.car, c);
        if (stopped) {
            List<Integer> atTs = stops.get(lap.lapEndTs);
            if (atTs == null) {
                atTs = new ArrayList<>(1);
            }
            atTs.add(lap.car);
            stops.put(lap.lapEndTs, atTs);
            stopsSeen.inc();
        }
    }

    private void forgetBefore(long ts) throws Exception {
        Iterator<Map.Entry<Long, List<Integer>>> it = stops.iterator();
        while (it.hasNext()) {
            if (it.next().getKey() < ts) {
                it.remove();
            }
        }
    }
}
