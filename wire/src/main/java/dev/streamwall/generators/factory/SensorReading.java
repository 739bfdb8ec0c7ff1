package dev.streamwall.generators.factory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;

/**
 * One reading of one machine sensor, as it goes on the wire: {@code {"ts":..., "machine":"M01",
 * "sensor":"temp", "value":71.42}}. A CSV of (timestamp, machine, sensor, value) maps onto it row
 * by row.
 */
public class SensorReading implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Event time, epoch ms. */
    public long ts;

    public String machine;

    /** {@code temp} (°C), {@code vibration} (mm/s) or {@code pressure} (bar). */
    public String sensor;

    public double value;

    /** Wall-clock millis at which the job read this reading; set by the job, not on the wire. */
    @JsonIgnore public long receivedAt;

    public SensorReading() {}

    public SensorReading(long ts, String machine, String sensor, double value) {
        this.ts = ts;
        this.machine = machine;
        this.sensor = sensor;
        this.value = value;
    }

    /** The key of a machine sensor, {@code M01|temp}: what the job keys its statistics by. */
    public String sensorKey() {
        return machine + "|" + sensor;
    }

    @Override
    public String toString() {
        return "SensorReading{" + machine + " " + sensor + "=" + value + " @" + ts + "}";
    }
}
