package dev.streamwall.generators.city;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;

/**
 * One reading of one road sensor, as it goes on the wire: {@code {"ts":..., "sensor":"R07-a",
 * "road":"R07", "speed":41.2, "flow":1320.0, "occupancy":0.18}}. Recordings that have only a speed
 * leave flow and occupancy null.
 */
public class RoadReading implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Event time, epoch ms. */
    public long ts;

    public String sensor;

    public String road;

    /** Mean speed, km/h. */
    public double speed;

    /** Vehicles per hour, all lanes; null when the sensor does not count. */
    public Double flow;

    /** Share of time the detector is occupied, 0..1; null when the sensor does not measure it. */
    public Double occupancy;

    /** Wall-clock millis at which the job read this reading; set by the job, not on the wire. */
    @JsonIgnore public long receivedAt;

    public RoadReading() {}

    public RoadReading(
            long ts, String sensor, String road, double speed, Double flow, Double occupancy) {
        this.ts = ts;
        this.sensor = sensor;
        this.road = road;
        this.speed = speed;
        this.flow = flow;
        this.occupancy = occupancy;
    }

    @Override
    public String toString() {
        return "RoadReading{" + sensor + " " + road + " " + speed + " km/h @" + ts + "}";
    }
}
