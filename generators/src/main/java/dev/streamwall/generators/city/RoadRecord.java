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

    /** The record of a road of {@code network}, published at {@code ts}. */
    public static RoadRecord of(RoadNetwork network, Road r, long ts) {
        RoadRecord rec = new RoadRecord();
        rec.road = r.id();
        rec.from = r.from();
        rec.to = r.to();
        rec.lengthM = r.lengthM();
        rec.lanes = r.lanes();
        rec.freeFlowKmh = r.freeFlowKmh();
        rec.capacityVph = r.capacityVph();
        Junction a = network.junctions().get(r.from());
        Junction b = network.junctions().get(r.to());
        rec.fromLat = a == null || Double.isNaN(a.lat()) ? null : a.lat();
        rec.fromLon = a == null || Double.isNaN(a.lon()) ? null : a.lon();
        rec.toLat = b == null || Double.isNaN(b.lat()) ? null : b.lat();
        rec.toLon = b == null || Double.isNaN(b.lon()) ? null : b.lon();
        rec.ts = ts;
        return rec;
    }

    /** The road this record describes; throws when it is a removal. */
    public Road toRoad() {
        return new Road(road, from, to, lengthM, lanes, freeFlowKmh, capacityVph);
    }

    /** Minutes to drive the road at free flow. */
    public double freeFlowMinutes() {
        return lengthM / 1000.0 / freeFlowKmh * 60.0;
    }

    @Override
    public String toString() {
        return "RoadRecord{" + road + " " + from + "->" + to + (removed ? " removed" : "") + "}";
    }
}
