package dev.streamwall.cityflow.functions;

import static dev.streamwall.common.decode.RejectReason.MISSING_FIELD;
import static dev.streamwall.common.decode.RejectReason.OUT_OF_RANGE;

import dev.streamwall.common.decode.JsonRecordDecoder;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.generators.city.RoadRecord;
import java.util.List;

/**
 * Decodes one road of the roads topic: a removal needs only the road id; anything else needs both
 * junctions, a positive length, lanes, free-flow speed and capacity, and positions on the globe.
 */
public class RoadRecordDecoder extends JsonRecordDecoder<RoadRecord> {
    private static final long serialVersionUID = 1L;

    public RoadRecordDecoder() {
        super(RoadRecord.class, List.of("road"), RoadRecordDecoder::validate);
    }

    @Override
    public long eventTime(RoadRecord r) {
        return r.ts;
    }

    static void validate(RoadRecord r) throws RejectedRecordException {
        if (!RoadReadingDecoder.ID.matcher(r.road).matches()) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE, "road '" + r.road + "' must be 1-64 letters, digits or _ . : -");
        }
        if (r.removed) {
            return;
        }
        if (r.from == null || r.to == null || r.from.isBlank() || r.to.isBlank()) {
            throw new RejectedRecordException(
                    MISSING_FIELD, "road " + r.road + " needs 'from' and 'to' junctions");
        }
        if (r.from.equals(r.to)) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE, "road " + r.road + " starts and ends at " + r.from);
        }
        if (!(r.lengthM > 0) || r.lanes < 1 || !(r.freeFlowKmh > 0) || !(r.capacityVph > 0)) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    "road "
                            + r.road
                            + ": length_m, lanes, free_flow_kmh and capacity_vph must be positive");
        }
        if (!position(r.fromLat, r.fromLon) || !position(r.toLat, r.toLon)) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE,
                    "road "
                            + r.road
                            + ": latitudes must be in [-90, 90], longitudes in [-180, 180]");
        }
    }

    private static boolean position(Double lat, Double lon) {
        return (lat == null || (lat >= -90 && lat <= 90))
                && (lon == null || (lon >= -180 && lon <= 180));
    }
}
