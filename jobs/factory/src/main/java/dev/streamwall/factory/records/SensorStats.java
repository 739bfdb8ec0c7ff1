package dev.streamwall.factory.records;

import java.io.Serializable;

/**
 * Statistics of one machine sensor over one sliding window (the {@code sensor_stats} table). Sums
 * are kept so that several windows combine exactly (see {@code sql/queries/factory-predict.sql}).
 */
public class SensorStats implements Serializable {
    private static final long serialVersionUID = 1L;

    public String machine;
    public String sensor;
    public long windowStart;
    public long windowEnd;
    public long n;
    public double mean;
    public double std;
    public double min;
    public double max;
    public double sum;
    public double sumSq;
    public double meanScore;
    public double maxScore;

    public SensorStats() {}

    @Override
    public String toString() {
        return "SensorStats{"
                + machine
                + " "
                + sensor
                + " "
                + windowStart
                + ".."
                + windowEnd
                + " n="
                + n
                + " mean="
                + mean
                + "}";
    }
}
