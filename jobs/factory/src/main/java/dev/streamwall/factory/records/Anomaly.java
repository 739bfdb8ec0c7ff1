package dev.streamwall.factory.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;

/**
 * One machine sensor's anomaly episode as it evolves (the {@code machine_anomalies} table and the
 * anomalies topic): a sustained HIGH or LOW level, a STUCK sensor, or a one-off SPIKE.
 */
public class Anomaly implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String HIGH = "HIGH";
    public static final String LOW = "LOW";
    public static final String STUCK = "STUCK";
    public static final String SPIKE = "SPIKE";

    /** The episode opens (START), is still there (ONGOING, once a minute) or is over (END). */
    public enum Phase {
        START,
        ONGOING,
        END
    }

    /** Deterministic: machine, sensor, kind and start time. */
    public String anomalyId;

    public String machine;
    public String sensor;
    public String kind;
    public Phase phase;

    /** First reading of the episode. */
    public long startTs;

    /** The reading this update describes (its event time). */
    public long ts;

    public double value;
    public double baseline;
    public double std;
    public double z;

    /** The largest |level z| of the episode so far, signed. */
    public double peakZ;

    public double score;

    /** Readings in the episode so far. */
    public long readings;

    /**
     * When the job read the reading that produced this report (wall clock, 0 when unknown): the
     * latency metric's start; set by the job, not written out.
     */
    @JsonIgnore public long receivedAt;

    public Anomaly() {}

    public static String idOf(String machine, String sensor, String kind, long startTs) {
        return machine + "/" + sensor + "/" + kind + "/" + startTs;
    }

    public boolean open() {
        return phase != Phase.END;
    }

    @Override
    public String toString() {
        return "Anomaly{"
                + anomalyId
                + " "
                + phase
                + " @"
                + ts
                + " value="
                + value
                + " z="
                + z
                + "}";
    }
}
