package dev.streamwall.factory.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;

/**
 * An alert on one machine (the {@code maintenance_alerts} table and the alerts topic): it opens
 * when a rule first matches, grows while matches continue and closes when they stop; every state is
 * upserted on {@link #alertId}.
 */
public class MaintenanceAlert implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String PREDICTIVE_MAINTENANCE = "PREDICTIVE_MAINTENANCE";
    public static final String OVERHEATING = "OVERHEATING";
    public static final String PRESSURE_LEAK = "PRESSURE_LEAK";
    public static final String STUCK_SENSOR = "STUCK_SENSOR";

    /** A sensor no other rule knows left its normal behaviour (a level anomaly or a spike). */
    public static final String ANOMALY = "ANOMALY";

    /** The status of a match on the provisional alerts topic. */
    public static final String PROVISIONAL = "PROVISIONAL";

    /** Deterministic: machine, type, sensor and the event time it was raised. */
    public String alertId;

    public String machine;
    public String type;

    /** The sensor the alert is about ({@code vibration+temp} for predictive maintenance). */
    public String sensor;

    /** {@code WARNING} or {@code CRITICAL}. */
    public String severity;

    /**
     * {@code OPEN} or {@code CLOSED}; {@code PROVISIONAL} on the provisional alerts topic (a rule's
     * match before the watermark passed it).
     */
    public String status;

    /** Event time at which the rule matched: when a person could have been told. */
    public long raisedTs;

    /** First evidence (start of the earliest anomaly in the match). */
    public long startTs;

    /** Latest evidence. */
    public long endTs;

    /** What was seen, with values. */
    public String evidence;

    @JsonIgnore public int priority;

    /**
     * When the job read the reading behind the latest evidence (wall clock, 0 when unknown): the
     * latency metric's start; set by the job, not written out.
     */
    @JsonIgnore public long receivedAt;

    public MaintenanceAlert() {}

    public static String idOf(String machine, String type, String sensor, long raisedTs) {
        return machine + "/" + type + "/" + sensor + "/" + raisedTs;
    }

    public MaintenanceAlert copy() {
        MaintenanceAlert c = new MaintenanceAlert();
        c.alertId = alertId;
        c.machine = machine;
        c.type = type;
        c.sensor = sensor;
        c.severity = severity;
        c.status = status;
        c.raisedTs = raisedTs;
        c.startTs = startTs;
        c.endTs = endTs;
        c.evidence = evidence;
        c.priority = priority;
        c.receivedAt = receivedAt;
        return c;
    }

    @Override
    public String toString() {
        return "MaintenanceAlert{"
                + alertId
                + " "
                + severity
                + " "
                + status
                + " "
                + startTs
                + ".."
                + endTs
                + ": "
                + evidence
                + "}";
    }
}
