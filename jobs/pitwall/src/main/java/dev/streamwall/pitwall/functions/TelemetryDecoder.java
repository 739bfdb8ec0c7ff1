package dev.streamwall.pitwall.functions;

import static dev.streamwall.common.decode.RejectReason.OUT_OF_RANGE;

import dev.streamwall.common.decode.JsonRecordDecoder;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.generators.f1.Compound;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.f1.TrackStatus;
import java.util.List;
import java.util.Set;

/**
 * Decodes and validates one telemetry sample; unknown cars and physically impossible values are
 * rejected.
 */
public class TelemetryDecoder extends JsonRecordDecoder<Telemetry> {
    private static final long serialVersionUID = 1L;

    public static final String UNKNOWN_CAR = "UNKNOWN_CAR";

    /**
     * Every numeric channel is required: a sample without one would corrupt lap and anomaly
     * figures.
     */
    static final List<String> REQUIRED =
            JsonRecordDecoder.requiredFields(
                    Telemetry.class, "race_id", "driver", "team", "tyre_compound", "track_status");

    /** 2001-01-01: anything earlier is a unit mistake (seconds instead of millis), not a race. */
    private static final long MIN_TS = 978_307_200_000L;

    public TelemetryDecoder(Set<Integer> knownCars) {
        super(Telemetry.class, REQUIRED, t -> validate(t, knownCars));
    }

    @Override
    public long eventTime(Telemetry t) {
        return t.ts;
    }

    @Override
    public void markReceived(Telemetry t, long wallClockMillis) {
        t.receivedAt = wallClockMillis;
    }

    static void validate(Telemetry t, Set<Integer> knownCars) throws RejectedRecordException {
        if (!knownCars.contains(t.car)) {
            throw new RejectedRecordException(
                    UNKNOWN_CAR,
                    "car " + t.car + " is not on the entry list " + knownCars + " (see --cars)");
        }
        if (t.ts < MIN_TS) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE, "ts " + t.ts + " is not epoch milliseconds");
        }
        range("lap", t.lap, 0, 200);
        range("sector", t.sector, 1, 3);
        range("lap_distance", t.lapDistance, 0, 10_000);
        range("speed", t.speed, 0, 400);
        range("throttle", t.throttle, 0, 100);
        range("brake", t.brake, 0, 100);
        range("gear", t.gear, 0, 8);
        range("rpm", t.rpm, 0, 20_000);
        range("g_lat", t.gLat, -10, 10);
        range("g_long", t.gLong, -10, 10);
        range("tyre_age", t.tyreAge, 0, 200);
        range("tyre_wear", t.tyreWear, 0, 100);
        range("fuel", t.fuel, 0, 150);
        range("position", t.position, 1, 40);
        range("engine_temp", t.engineTemp, -30, 250);
        double[] tyreTemps = {t.tyreTempFl, t.tyreTempFr, t.tyreTempRl, t.tyreTempRr};
        double[] pressures = {
            t.tyrePressureFl, t.tyrePressureFr, t.tyrePressureRl, t.tyrePressureRr
        };
        double[] brakes = {t.brakeTempFl, t.brakeTempFr, t.brakeTempRl, t.brakeTempRr};
        for (int i = 0; i < 4; i++) {
            range("tyre_temp", tyreTemps[i], -30, 250);
            range("tyre_pressure", pressures[i], 0, 40);
            range("brake_temp", brakes[i], -30, 1_600);
        }
        checkTrackStatus(t.trackStatus);
        checkCompound(t.tyreCompound);
    }

    /** A track status the strategy reads by name, or OUT_OF_RANGE. */
    static void checkTrackStatus(String status) throws RejectedRecordException {
        try {
            TrackStatus.valueOf(status);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    "track_status '"
                            + status
                            + "' is not one of GREEN, YELLOW, VSC, SC, RED, CHEQUERED");
        }
    }

    /** A tyre compound the strategy reads by name, or OUT_OF_RANGE. */
    static void checkCompound(String compound) throws RejectedRecordException {
        try {
            Compound.valueOf(compound);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    "tyre_compound '"
                            + compound
                            + "' is not one of SOFT, MEDIUM, HARD, INTERMEDIATE, WET");
        }
    }

    private static void range(String field, double value, double min, double max)
            throws RejectedRecordException {
        if (!(value >= min && value <= max)) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    field + " = " + value + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
