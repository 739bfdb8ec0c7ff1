package dev.streamwall.cityflow.records;

import java.io.Serializable;

/**
 * An incident (a sudden drop on one road while the roads it feeds flow: a blockage on it) or a
 * congestion onset (speed below a share of free flow with occupancy rising, minute after minute),
 * from when it was raised until the road flows again.
 */
public class TrafficIncident implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String INCIDENT = "INCIDENT";
    public static final String CONGESTION_ONSET = "CONGESTION_ONSET";
    public static final String OPEN = "OPEN";
    public static final String CLEARED = "CLEARED";

    /** Deterministic: road, kind and start minute. */
    public String incidentId;

    public String road;
    public String kind;
    public String status;

    /** When the rule matched (event time, epoch ms). */
    public long raisedTs;

    /** The first minute of evidence. */
    public long startTs;

    /** The last minute seen: the clearing minute once CLEARED. */
    public long endTs;

    public String severity;
    public double speedRatio;
    public double downstreamRatio;
    public double occupancy;
    public String detail;

    public TrafficIncident() {}

    public TrafficIncident copy() {
        TrafficIncident c = new TrafficIncident();
        c.incidentId = incidentId;
        c.road = road;
        c.kind = kind;
        c.status = status;
        c.raisedTs = raisedTs;
        c.startTs = startTs;
        c.endTs = endTs;
        c.severity = severity;
        c.speedRatio = speedRatio;
        c.downstreamRatio = downstreamRatio;
        c.occupancy = occupancy;
        c.detail = detail;
        return c;
    }

    @Override
    public String toString() {
        return "TrafficIncident{" + incidentId + " " + status + " " + severity + "}";
    }
}
