package dev.streamwall.common.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.flink.metrics.HistogramStatistics;

/**
 * A Flink histogram metric backed by HdrHistogram: latencies in milliseconds, 3 significant digits,
 * over the interval since the last report (so quantiles describe recent behaviour, not the whole
 * run).
 */
public class HdrLatencyHistogram implements org.apache.flink.metrics.Histogram {

    private static final long MAX_TRACKABLE_MS = 3_600_000L;

    private final Recorder recorder = new Recorder(MAX_TRACKABLE_MS, 3);
    private Histogram interval;
    private long count;

    @Override
    public synchronized void update(long valueMillis) {
        recorder.recordValue(Math.max(0, Math.min(valueMillis, MAX_TRACKABLE_MS)));
        count++;
    }

    @Override
    public synchronized long getCount() {
        return count;
    }

    @Override
    public synchronized HistogramStatistics getStatistics() {
        interval = recorder.getIntervalHistogram(interval);
        final Histogram snapshot = interval.copy();
        return new HistogramStatistics() {
            @Override
            public double getQuantile(double quantile) {
                return snapshot.getValueAtPercentile(quantile * 100.0);
            }

            @Override
            public long[] getValues() {
                // Flink only needs the quantiles and moments; the full sample set is not kept.
                return new long[0];
            }

            @Override
            public int size() {
                return (int) Math.min(Integer.MAX_VALUE, snapshot.getTotalCount());
            }

            @Override
            public double getMean() {
                return snapshot.getMean();
            }

            @Override
            public double getStdDev() {
                return snapshot.getStdDeviation();
            }

            @Override
            public long getMax() {
                return snapshot.getMaxValue();
            }

            @Override
            public long getMin() {
                return snapshot.getMinValue();
            }
        };
    }
}
