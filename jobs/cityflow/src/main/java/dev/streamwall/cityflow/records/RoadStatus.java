package dev.streamwall.cityflow.records;

import java.io.Serializable;

/**
 * A road's state at the end of a minute next to its neighbours', as the incident rules see it:
 * speed as a share of free flow on the road and on the roads it feeds.
 */
public class RoadStatus implements Serializable {
    private static final long serialVersionUID = 1L;

    public long ts;
    public String road;

    /** Smoothed speed / free-flow speed, 0..1. */
    public double speedRatio;

    /** Occupancy 0..1, NaN when the road's sensors do not measure it. */
    public double occupancy;

    /** Occupancy change since the previous minute; NaN when unknown. */
    public double occupancyDelta;

    /**
     * The speed ratio of the slowest road leaving this road's end (not turning back); NaN when the
     * graph does not know them or they have no readings.
     */
    public double downstreamRatio;

    /** Predicted congestion at the horizon. */
    public double predicted;

    public RoadStatus() {}

    public RoadStatus(
            long ts,
            String road,
            double speedRatio,
            double occupancy,
            double occupancyDelta,
            double downstreamRatio,
            double predicted) {
        this.ts = ts;
        this.road = road;
        this.speedRatio = speedRatio;
        this.occupancy = occupancy;
        this.occupancyDelta = occupancyDelta;
        this.downstreamRatio = downstreamRatio;
        this.predicted = predicted;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "RoadStatus{%s @%d ratio=%.2f downstream=%.2f}",
                road,
                ts,
                speedRatio,
                downstreamRatio);
    }
}
