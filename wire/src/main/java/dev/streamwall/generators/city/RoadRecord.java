package dev.streamwall.generators.city;

import java.io.Serializable;

/**
 * One road of the network as it goes on the roads topic (compacted, keyed by road id): the
 * generator publishes its network there, and anyone may publish a changed road (a new speed limit,
 * a lane closed for works) or remove one while the job runs. {@code removed = true} takes the road
 * out of the graph.
 */
public class RoadRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    public String road;
    public String from;
    public String to;
    public double lengthM;
    public int lanes;
    public double freeFlowKmh;
    public double capacityVph;

    /** Junction positions; null when the network has none. */
    public Double fromLat;

    public Double fromLon;
    public Double toLat;
    public Double toLon;

    public boolean removed;

    /** When this version of the road was published, epoch ms. */
    public long ts;

    public RoadRecord() {}

    /** Minutes to drive the road at free flow. */
    public double freeFlowMinutes() {
        return lengthM / 1000.0 / freeFlowKmh * 60.0;
    }

    @Override
    public String toString() {
        return "RoadRecord{" + road + " " + from + "->" + to + (removed ? " removed" : "") + "}";
    }
}
