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

    /** The car whose input this is. */
    public int car() {
        return lap != null ? lap.car : change.car;
    }
}
