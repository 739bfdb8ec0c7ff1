package dev.streamwall.factory.records;

import java.io.Serializable;

/**
 * A reading with its machine's baseline and how far it is from it (the {@code sensor_readings}
 * table).
 */
public class ScoredReading implements Serializable {
    private static final long serialVersionUID = 1L;

    public String machine;
    public String sensor;
    public long ts;
    public double value;

    /** The machine sensor's adaptive baseline (mean) and standard deviation at this reading. */
    public double baseline;

    public double std;

    /** (value - baseline) / std of this single reading. */
    public double z;

    /** The same for the sensor's level (median of the last readings): spikes barely move it. */
    public double levelZ;

    /** 0..1: how anomalous the sustained level is (0.5 at |levelZ| = 3); 1 for a stuck sensor. */
    public double score;

    /** True while the model is still learning this sensor (no anomalies are reported). */
    public boolean learning;

    public ScoredReading() {}

    public String sensorKey() {
        return machine + "|" + sensor;
    }

    @Override
    public String toString() {
        return "ScoredReading{"
                + machine
                + " "
                + sensor
                + "="
                + value
                + " @"
                + ts
                + " z="
                + z
                + " levelZ="
                + levelZ
                + " score="
                + score
                + "}";
    }
}
