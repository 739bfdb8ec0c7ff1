package dev.streamwall.pitwall.functions;

import static dev.streamwall.common.decode.RejectReason.OUT_OF_RANGE;

import dev.streamwall.common.decode.JsonRecordDecoder;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.pitwall.records.LapTiming;
import java.util.List;
import java.util.Set;

/**
 * Decodes recorded lap timing (the {@code f1.laps} topic) for the strategy stage; tyre and fuel
 * data are optional.
 */
public class LapTimingDecoder extends JsonRecordDecoder<LapTiming> {
    private static final long serialVersionUID = 1L;

    static final List<String> REQUIRED =
            List.of("race_id", "car", "lap", "total_laps", "lap_end_ts", "lap_time_ms", "position");

    public LapTimingDecoder(Set<Integer> knownCars) {
        super(LapTiming.class, REQUIRED, lap -> validate(lap, knownCars));
    }

    @Override
    public long eventTime(LapTiming lap) {
        return lap.lapEndTs;
    }

    @Override
    public void markReceived(LapTiming lap, long wallClockMillis) {
        lap.receivedAt = wallClockMillis;
    }

    static void validate(LapTiming lap, Set<Integer> knownCars) throws RejectedRecordException {
        if (!knownCars.contains(lap.car)) {
            throw new RejectedRecordException(
                    TelemetryDecoder.UNKNOWN_CAR,
                    "car " + lap.car + " is not on the entry list " + knownCars + " (see --cars)");
        }
        if (lap.lap < 1 || lap.lap > 200 || lap.totalLaps < 1 || lap.totalLaps > 200) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE, "lap " + lap.lap + " of " + lap.totalLaps + " is outside 1..200");
        }
        if (lap.lapTimeMs < 20_000 || lap.lapTimeMs > 1_800_000) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE, "lap_time_ms " + lap.lapTimeMs + " is outside 20 s .. 30 min");
        }
        if (lap.position < 1 || lap.position > 40) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE, "position " + lap.position + " is outside 1..40");
        }
        if (lap.tyreAge != null && (lap.tyreAge < 0 || lap.tyreAge > 200)) {
            throw new RejectedRecordException(
                    OUT_OF_RANGE, "tyre_age " + lap.tyreAge + " is outside 0..200");
        }
        if (lap.tyreCompound != null) {
            // The strategy reads the compound by name: an unknown one would fail the job.
            TelemetryDecoder.checkCompound(lap.tyreCompound);
        }
        if (lap.trackStatus != null) {
            TelemetryDecoder.checkTrackStatus(lap.trackStatus);
        }
    }
}
