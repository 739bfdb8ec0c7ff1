package dev.streamwall.factory.functions.stats;

import dev.streamwall.factory.records.ScoredReading;
import dev.streamwall.factory.records.SensorStats;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Incremental statistics of one machine sensor's readings in a window: count, sums (so windows
 * combine exactly), extremes and anomaly scores.
 */
public class SensorStatsAggregate
        implements AggregateFunction<
                ScoredReading, SensorStatsAggregate.Acc, SensorStatsAggregate.Acc> {
    private static final long serialVersionUID = 1L;

    /** The running sums (a POJO: window state evolves with savepoints). */
    public static class Acc {
        public long n;
        public double sum;
        public double sumSq;
        public double min = Double.POSITIVE_INFINITY;
        public double max = Double.NEGATIVE_INFINITY;
        public double scoreSum;
        public double scoreMax;

        public Acc() {}
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    @Override
    public Acc add(ScoredReading r, Acc a) {
        a.n++;
        a.sum += r.value;
        a.sumSq += r.value * r.value;
        a.min = Math.min(a.min, r.value);
        a.max = Math.max(a.max, r.value);
        a.scoreSum += r.score;
        a.scoreMax = Math.max(a.scoreMax, r.score);
        return a;
    }

    @Override
    public Acc getResult(Acc a) {
        return a;
    }

    @Override
    public Acc merge(Acc a, Acc b) {
        Acc m = new Acc();
        m.n = a.n + b.n;
        m.sum = a.sum + b.sum;
        m.sumSq = a.sumSq + b.sumSq;
        m.min = Math.min(a.min, b.min);
        m.max = Math.max(a.max, b.max);
        m.scoreSum = a.scoreSum + b.scoreSum;
        m.scoreMax = Math.max(a.scoreMax, b.scoreMax);
        return m;
    }

    /** Stamps the window's sums with the machine sensor and the window bounds. */
    public static class ToStats
            extends ProcessWindowFunction<Acc, SensorStats, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                String key, Context ctx, Iterable<Acc> sums, Collector<SensorStats> out) {
            Acc a = sums.iterator().next();
            String[] k = key.split("\\|", 2);
            out.collect(of(k[0], k[1], ctx.window().getStart(), ctx.window().getEnd(), a));
        }
    }

    public static SensorStats of(String machine, String sensor, long start, long end, Acc a) {
        SensorStats s = new SensorStats();
        s.machine = machine;
        s.sensor = sensor;
        s.windowStart = start;
        s.windowEnd = end;
        s.n = a.n;
        s.sum = a.sum;
        s.sumSq = a.sumSq;
        s.mean = a.sum / a.n;
        s.std = Math.sqrt(Math.max(0, a.sumSq / a.n - s.mean * s.mean));
        s.min = a.min;
        s.max = a.max;
        s.meanScore = a.scoreSum / a.n;
        s.maxScore = a.scoreMax;
        return s;
    }
}
