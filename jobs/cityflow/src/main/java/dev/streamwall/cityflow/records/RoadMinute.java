package dev.streamwall.cityflow.records;

import java.io.Serializable;

/**
 * One road's sensor readings over one minute of event time, averaged over its sensors. Flow and
 * occupancy are NaN when no sensor of the road reported them (speed-only recordings).
 */
public class RoadMinute implements Serializable {
    private static final long serialVersionUID = 1L;

    public String road;

    /** The end of the minute, epoch ms (exclusive). */
    public long ts;

    /** Mean speed, km/h. */
    public double speed;

    /** Mean flow, vehicles per hour; NaN when unknown. */
    public double flow;

    /** Mean occupancy 0..1; NaN when unknown. */
    public double occupancy;

    public int readings;

    /**
     * When the job read the reading the latency metric counts from (wall clock, 0 when unknown):
     * the minute's last reading, or, for a provisional minute, the reading of the next minute that
     * completed it.
     */
    public long receivedAt;

    public RoadMinute() {}

    public RoadMinute(
            String road, long ts, double speed, double flow, double occupancy, int readings) {
        this.road = road;
        this.ts = ts;
        this.speed = speed;
        this.flow = flow;
        this.occupancy = occupancy;
        this.readings = readings;
    }

    @Override
    public String toString() {
        return "RoadMinute{" + road + " @" + ts + " " + speed + " km/h, n=" + readings + "}";
    }
}
