package dev.streamwall.cityflow.functions;

import static dev.streamwall.common.decode.RejectReason.OUT_OF_RANGE;

import dev.streamwall.common.decode.JsonRecordDecoder;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.generators.city.RoadReading;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes and validates one road sensor reading: ids of sensible shape, a millisecond timestamp, a
 * speed, flow and occupancy a road detector can report. Whether the road exists is checked against
 * the road graph later ({@link RoadCheck}).
 */
public class RoadReadingDecoder extends JsonRecordDecoder<RoadReading> {
    private static final long serialVersionUID = 1L;

    static final List<String> REQUIRED =
            JsonRecordDecoder.requiredFields(RoadReading.class, "sensor", "road");

    /** 2001-01-01: anything earlier is a unit mistake (seconds instead of millis). */
    private static final long MIN_TS = 978_307_200_000L;

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

    public static final double MAX_SPEED_KMH = 250;
    public static final double MAX_FLOW_VPH = 20_000;

    public RoadReadingDecoder() {
        super(RoadReading.class, REQUIRED, RoadReadingDecoder::validate);
    }

    @Override
    public long eventTime(RoadReading r) {
        return r.ts;
    }

    @Override
    public void markReceived(RoadReading r, long wallClockMillis) {
        r.receivedAt = wallClockMillis;
    }

    static void validate(RoadReading r) throws RejectedRecordException {
        if (!ID.matcher(r.sensor).matches() || !ID.matcher(r.road).matches()) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    "sensor '"
                            + r.sensor
                            + "' and road '"
                            + r.road
                            + "' must be 1-64 letters, digits or _ . : -");
        }
        if (r.ts < MIN_TS) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE, "ts " + r.ts + " is not epoch milliseconds");
        }
        if (!(r.speed >= 0 && r.speed <= MAX_SPEED_KMH)) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    "speed " + r.speed + " km/h is outside [0, " + (int) MAX_SPEED_KMH + "]");
        }
        if (r.flow != null && !(r.flow >= 0 && r.flow <= MAX_FLOW_VPH)) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    "flow " + r.flow + " veh/h is outside [0, " + (int) MAX_FLOW_VPH + "]");
        }
        if (r.occupancy != null && !(r.occupancy >= 0 && r.occupancy <= 1)) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    "occupancy "
                            + r.occupancy
                            + " is outside [0, 1] (a share of time, not a percentage)");
        }
    }
}
