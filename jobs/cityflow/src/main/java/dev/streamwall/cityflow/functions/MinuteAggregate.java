package dev.streamwall.cityflow.functions;

import dev.streamwall.cityflow.records.RoadMinute;
import dev.streamwall.generators.city.RoadReading;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Averages a road's readings over a window; flow and occupancy over the readings that have them.
 */
public class MinuteAggregate
        implements AggregateFunction<RoadReading, MinuteAggregate.Acc, MinuteAggregate.Acc> {
    private static final long serialVersionUID = 1L;

    static final double UNIT = 1e4;

    /** Running sums in 1e-4 units; a POJO so its state is savepoint-compatible. */
    public static class Acc {
        public long speedSum;
        public int n;
        public long flowSum;
        public int flowN;
        public long occupancySum;
        public int occupancyN;

        /**
         * When the job read the minute's last reading (wall clock; 0 when unknown, as in state from
         * before this field): the latency metric's start for the minute's forecast.
         */
        public long lastReceivedAt;

        public Acc() {}
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    @Override
    public Acc add(RoadReading r, Acc a) {
        a.speedSum += Math.round(r.speed * UNIT);
        a.n++;
        if (r.flow != null) {
            a.flowSum += Math.round(r.flow * UNIT);
            a.flowN++;
        }
        if (r.occupancy != null) {
            a.occupancySum += Math.round(r.occupancy * UNIT);
            a.occupancyN++;
        }
        a.lastReceivedAt = Math.max(a.lastReceivedAt, r.receivedAt);
        return a;
    }

    @Override
    public Acc getResult(Acc a) {
        return a;
    }

    @Override
    public Acc merge(Acc a, Acc b) {
        Acc m = new Acc();
        m.speedSum = a.speedSum + b.speedSum;
        m.n = a.n + b.n;
        m.flowSum = a.flowSum + b.flowSum;
        m.flowN = a.flowN + b.flowN;
        m.occupancySum = a.occupancySum + b.occupancySum;
        m.occupancyN = a.occupancyN + b.occupancyN;
        m.lastReceivedAt = Math.max(a.lastReceivedAt, b.lastReceivedAt);
        return m;
    }

    /** Names the window's road and end. */
    public static class ToMinute
            extends ProcessWindowFunction<Acc, RoadMinute, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                String road, Context ctx, Iterable<Acc> sums, Collector<RoadMinute> out) {
            out.collect(minute(road, ctx.window().getEnd(), sums.iterator().next()));
        }
    }

    /** The road's minute ending at {@code end} (exclusive) from its readings' sums. */
    static RoadMinute minute(String road, long end, Acc a) {
        RoadMinute m =
                new RoadMinute(
                        road,
                        end,
                        a.speedSum / UNIT / a.n,
                        a.flowN == 0 ? Double.NaN : a.flowSum / UNIT / a.flowN,
                        a.occupancyN == 0 ? Double.NaN : a.occupancySum / UNIT / a.occupancyN,
                        a.n);
        m.receivedAt = a.lastReceivedAt;
        return m;
    }
}
