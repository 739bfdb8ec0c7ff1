package dev.streamwall.pitwall.records;

import java.io.Serializable;

/**
 * What the strategy stage reads, one car's inputs on one channel in event-time order: a completed
 * lap or a track-status change (exactly one of the two is set).
 */
public class StrategyInput implements Serializable {
    private static final long serialVersionUID = 1L;

    public LapTiming lap;
    public TrackStatusChange change;

    /**
     * With a lap: how many other cars of the race were seen to stop while this car drove it (their
     * out-lap, or in-lap where timing flags it, ended during this lap), as the field stage counted
     * them.
     */
    public int fieldStops;

    public StrategyInput() {}

    public static StrategyInput of(LapTiming lap) {
        StrategyInput in = new StrategyInput();
        in.lap = lap;
        return in;
    }

    public static StrategyInput of(TrackStatusChange change) {
        StrategyInput in = new StrategyInput();
        in.change = change;
        return in;
    }

    /** The race the input belongs to. */
    public String race() {
        return lap != null ? lap.raceId : change.raceId;
    }

    /** The car whose input this is. */
    public int car() {
        return lap != null ? lap.car : change.car;
    }
}
