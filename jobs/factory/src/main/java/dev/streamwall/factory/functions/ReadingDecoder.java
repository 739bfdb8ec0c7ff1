package dev.streamwall.factory.functions;

import static dev.streamwall.common.decode.RejectReason.OUT_OF_RANGE;

import dev.streamwall.common.decode.JsonRecordDecoder;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.generators.factory.Sensor;
import dev.streamwall.generators.factory.SensorReading;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes and validates one sensor reading: a known sensor, a sensible machine id, a value the
 * sensor can physically report and a millisecond timestamp.
 */
public class ReadingDecoder extends JsonRecordDecoder<SensorReading> {
    private static final long serialVersionUID = 1L;

    public static final String UNKNOWN_SENSOR = "UNKNOWN_SENSOR";

    static final List<String> REQUIRED =
            JsonRecordDecoder.requiredFields(SensorReading.class, "machine", "sensor");

    /** 2001-01-01: anything earlier is a unit mistake (seconds instead of millis). */
    private static final long MIN_TS = 978_307_200_000L;

    private static final Pattern MACHINE = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

    public ReadingDecoder(Set<String> sensors) {
        this(sensors, SensorLimits.defaults());
    }

    public ReadingDecoder(Set<String> sensors, SensorLimits limits) {
        super(SensorReading.class, REQUIRED, r -> validate(r, sensors, limits));
    }

    @Override
    public long eventTime(SensorReading r) {
        return r.ts;
    }

    @Override
    public void markReceived(SensorReading r, long wallClockMillis) {
        r.receivedAt = wallClockMillis;
    }

    static void validate(SensorReading r, Set<String> sensors, SensorLimits limits)
            throws RejectedRecordException {
        if (!sensors.contains(r.sensor)) {
            throw new RejectedRecordException(
                    UNKNOWN_SENSOR,
                    "sensor '" + r.sensor + "' is not one of " + sensors + " (see --sensors)");
        }
        if (!MACHINE.matcher(r.machine).matches()) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    "machine id '" + r.machine + "' must be 1-64 letters, digits or _ . : -");
        }
        if (r.ts < MIN_TS) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE, "ts " + r.ts + " is not epoch milliseconds");
        }
        SensorLimits.Range range = limits.of(r.sensor);
        if (range != null && !range.contains(r.value)) {
            Sensor known = Sensor.fromName(r.sensor);
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    r.sensor
                            + " = "
                            + r.value
                            + (known == null ? "" : " " + known.unit())
                            + " is outside what it can report "
                            + range
                            + " (--sensor-limits "
                            + r.sensor
                            + "=MIN:MAX to change it)");
        }
    }
}
