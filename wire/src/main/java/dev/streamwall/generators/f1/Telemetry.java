package dev.streamwall.generators.f1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import java.util.List;

/**
 * One telemetry sample of one car: the wire record of the {@code f1.telemetry} topic (JSON,
 * snake_case).
 *
 * <p>A public-field POJO so that Flink serialises it with its POJO serializer, which supports state
 * schema evolution. Temperatures are in °C, pressures in psi, speed in km/h, fuel in kg, distances
 * in metres, times in epoch milliseconds of the simulated race clock.
 */
public class Telemetry implements Serializable {
    private static final long serialVersionUID = 1L;

    public String raceId;
    public long ts;
    public int car;
    public String driver;
    public String team;
    public int lap;
    public int totalLaps;
    public int sector;
    public double lapDistance;
    public double speed;
    public double throttle;
    public double brake;
    public int gear;
    public int rpm;
    public boolean drs;
    public double gLat;
    public double gLong;
    public String tyreCompound;
    public int tyreAge;
    public double tyreTempFl;
    public double tyreTempFr;
    public double tyreTempRl;
    public double tyreTempRr;
    public double tyrePressureFl;
    public double tyrePressureFr;
    public double tyrePressureRl;
    public double tyrePressureRr;

    /** Tread worn, percent (0 new, 100 gone). */
    public double tyreWear;

    public double brakeTempFl;
    public double brakeTempFr;
    public double brakeTempRl;
    public double brakeTempRr;
    public double engineTemp;
    public double fuel;
    public String trackStatus;
    public int position;

    /** Interval to the car ahead in seconds; null for the leader. */
    public Double gapAhead;

    /** Interval to the car behind in seconds; null for the last car. */
    public Double gapBehind;

    public boolean inPit;

    /** Wall-clock millis at which the job read this sample; set by the job, not on the wire. */
    @JsonIgnore public long receivedAt;

    public Telemetry() {}

    /**
     * The analog sensor channels, as named on the wire. A healthy sensor's readings always carry
     * noise, so a value repeated exactly over many samples means a stuck sensor.
     */
    public static final List<String> SENSOR_CHANNELS =
            List.of(
                    "tyre_temp_fl",
                    "tyre_temp_fr",
                    "tyre_temp_rl",
                    "tyre_temp_rr",
                    "tyre_pressure_fl",
                    "tyre_pressure_fr",
                    "tyre_pressure_rl",
                    "tyre_pressure_rr",
                    "brake_temp_fl",
                    "brake_temp_fr",
                    "brake_temp_rl",
                    "brake_temp_rr",
                    "engine_temp");

    /** The readings of {@link #SENSOR_CHANNELS}, in that order. */
    public double[] sensorValues() {
        return new double[] {
            tyreTempFl, tyreTempFr, tyreTempRl, tyreTempRr,
            tyrePressureFl, tyrePressureFr, tyrePressureRl, tyrePressureRr,
            brakeTempFl, brakeTempFr, brakeTempRl, brakeTempRr,
            engineTemp
        };
    }

    public double maxBrakeTemp() {
        return Math.max(Math.max(brakeTempFl, brakeTempFr), Math.max(brakeTempRl, brakeTempRr));
    }

    public double maxTyreTemp() {
        return Math.max(Math.max(tyreTempFl, tyreTempFr), Math.max(tyreTempRl, tyreTempRr));
    }

    @Override
    public String toString() {
        return "Telemetry{race="
                + raceId
                + ", car="
                + car
                + ", ts="
                + ts
                + ", lap="
                + lap
                + ", dist="
                + Math.round(lapDistance)
                + ", speed="
                + Math.round(speed)
                + "}";
    }
}
