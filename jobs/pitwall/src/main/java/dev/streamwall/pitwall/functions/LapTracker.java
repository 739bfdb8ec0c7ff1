package dev.streamwall.pitwall.functions;

import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.StrategyInput;
import dev.streamwall.pitwall.records.TrackStatusChange;

/**
 * One car's lap analytics, plain Java: the lap being driven and the last track status, and the step
 * that takes the car's next sample in event-time order. {@link LapAggregator} keeps these two in
 * keyed state and runs this step per sample; the benchmark's plain loop runs it over a map.
 */
public final class LapTracker {

    /** A lap whose first sample is further than this from the line was joined mid-way. */
    static final double LINE_TOLERANCE_METRES = 150;

    /** What one sample produced. */
    public interface Sink {
        /** A closed lap. */
        void lap(LapSummary lap);

        /** A lap or a status change for the strategy, in event-time order. */
        void strategy(StrategyInput input);
    }

    /** The lap being driven; null before the car's first sample. */
    public LapAccumulator current;

    /** The track status of the car's last sample; null before it. */
    public String status;

    public LapTracker(LapAccumulator current, String status) {
        this.current = current;
        this.status = status;
    }

    /**
     * Takes the car's next sample: closes a lap when the next one starts, reports a change of track
     * status after the lap the sample closed. Returns true when the sample ended the car's race (it
     * crossed the line for the last time, or under the chequered flag).
     */
    public boolean accept(Telemetry t, Sink out) {
        String previousStatus = status;
        TrackStatusChange change = null;
        if (previousStatus != null && !previousStatus.equals(t.trackStatus)) {
            change =
                    new TrackStatusChange(
                            t.raceId, t.car, t.ts, t.lap, previousStatus, t.trackStatus);
            change.receivedAt = t.receivedAt;
        }
        status = t.trackStatus;

        boolean finishedNow = false;
        LapAccumulator acc = current;
        if (acc == null) {
            acc = LapAccumulator.startAt(t, t.ts, t.lapDistance <= LINE_TOLERANCE_METRES);
        } else if (t.lap > acc.lap) {
            long crossing = LapAccumulator.lineCrossing(acc.last, t);
            if (acc.complete && !acc.finished && t.lap == acc.lap + 1 && acc.lap <= acc.totalLaps) {
                LapSummary lap = acc.close(crossing);
                out.lap(lap);
                out.strategy(StrategyInput.of(lap));
            }
            boolean finished =
                    t.lap > t.totalLaps || TrackStatus.CHEQUERED.name().equals(t.trackStatus);
            acc = LapAccumulator.startAt(t, crossing, t.lap == acc.lap + 1);
            if (finished) {
                // Crossing the line under the chequered flag ends the race, lapped or not.
                acc.finished = true;
                finishedNow = true;
            }
        } else if (t.lap < acc.lap) {
            // A new race with the same car (a replay of an earlier session): start over.
            acc = LapAccumulator.startAt(t, t.ts, t.lapDistance <= LINE_TOLERANCE_METRES);
        }
        acc.add(t);
        current = acc;
        if (change != null) {
            // After the lap this sample closed: the lap ended at the line, before the sample.
            out.strategy(StrategyInput.of(change));
        }
        return finishedNow;
    }
}
