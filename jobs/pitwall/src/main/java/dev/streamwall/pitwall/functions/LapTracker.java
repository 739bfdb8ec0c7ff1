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

        /** A sample whose lap jumped, held back until the next agrees (it did not count). */
        default void implausibleLap(Telemetry t) {}

        /** A track status shown by one sample only, not followed by the next (it did not count). */
        default void statusFlipIgnored(Telemetry t) {}
    }

    /** The lap being driven; null before the car's first sample. */
    public LapAccumulator current;

    /** The track status the car agreed on (two samples in a row); null before its first sample. */
    public String status;

    public LapTracker(LapAccumulator current, String status) {
        this.current = current;
        this.status = status;
    }

    /**
     * Takes the car's next sample: closes a lap when the next one starts, reports a change of track
     * status after the lap the sample closed. Returns true when the sample ended the car's race (it
     * crossed the line for the last time, or under the chequered flag).
     *
     * <p>One sample cannot change a decision on its own: a lap number that jumps (more than one lap
     * ahead, or back) counts only when the next sample agrees, and so does a new track status (a
     * one-sample flip to SC is a glitch or a forgery, not a safety car). Either costs one sample of
     * delay when real.
     */
    public boolean accept(Telemetry t, Sink out) {
        LapAccumulator acc = current;
        if (acc != null && (t.lap > acc.lap + 1 || t.lap < acc.lap)) {
            if (acc.suspectLap != t.lap) {
                acc.suspectLap = t.lap;
                out.implausibleLap(t);
                return false;
            }
            // The second sample in a row on that lap: a real jump (a dropout of a lap or more,
            // or a replay of another session).
        }
        String pending = acc == null ? null : acc.pendingStatus;
        TrackStatusChange change = null;
        if (status == null) {
            status = t.trackStatus;
            pending = null;
        } else if (status.equals(t.trackStatus)) {
            if (pending != null) {
                out.statusFlipIgnored(t);
            }
            pending = null;
        } else if (t.trackStatus.equals(pending)) {
            change = new TrackStatusChange(t.raceId, t.car, t.ts, t.lap, status, t.trackStatus);
            change.receivedAt = t.receivedAt;
            status = t.trackStatus;
            pending = null;
        } else {
            if (pending != null) {
                out.statusFlipIgnored(t);
            }
            pending = t.trackStatus;
        }

        boolean finishedNow = false;
        if (acc == null) {
            acc = LapAccumulator.startAt(t, t.ts, t.lapDistance <= LINE_TOLERANCE_METRES, status);
        } else if (t.lap > acc.lap) {
            long crossing = LapAccumulator.lineCrossing(acc.last, t);
            if (acc.complete && !acc.finished && t.lap == acc.lap + 1 && acc.lap <= acc.totalLaps) {
                LapSummary lap = acc.close(crossing);
                out.lap(lap);
                out.strategy(StrategyInput.of(lap));
            }
            boolean finished = t.lap > t.totalLaps || TrackStatus.CHEQUERED.name().equals(status);
            acc = LapAccumulator.startAt(t, crossing, t.lap == acc.lap + 1, status);
            if (finished) {
                // Crossing the line under the chequered flag ends the race, lapped or not.
                acc.finished = true;
                finishedNow = true;
            }
        } else if (t.lap < acc.lap) {
            // A new race with the same car (a replay of an earlier session): start over.
            acc = LapAccumulator.startAt(t, t.ts, t.lapDistance <= LINE_TOLERANCE_METRES, status);
        }
        acc.suspectLap = 0;
        acc.pendingStatus = pending;
        acc.add(t, status);
        current = acc;
        if (change != null) {
            // After the lap this sample closed: the lap ended at the line, before the sample.
            out.strategy(StrategyInput.of(change));
        }
        return finishedNow;
    }
}
