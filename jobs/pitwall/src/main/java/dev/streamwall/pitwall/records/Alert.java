package dev.streamwall.pitwall.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;

/**
 * An anomaly alert on one car (the {@code alerts} table). An alert opens when a pattern first
 * matches, is extended while matches continue, and closes when they stop; each state is upserted on
 * {@link #alertId}.
 */
public class Alert implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Deterministic: race, car, type and start time. */
    public String alertId;

    public String raceId;
    public int car;
    public String driver;

    /** One of the {@code AlertType} names. */
    public String type;

    /** {@code WARNING} or {@code CRITICAL}. */
    public String severity;

    public long startTs;
    public long endTs;

    /** {@code OPEN} or {@code CLOSED}. */
    public String status;

    /** What was seen, as a short human-readable line with the values. */
    public String evidence;

    public int lap;

    @JsonIgnore public long receivedAt;

    public Alert() {}

    public static String idOf(String raceId, int car, String type, long startTs) {
        return raceId + "/" + car + "/" + type + "/" + startTs;
    }

    @Override
    public String toString() {
        return "Alert{" + alertId + " " + severity + " " + status + " " + startTs + ".." + endTs
                + ": " + evidence + "}";
    }
}
