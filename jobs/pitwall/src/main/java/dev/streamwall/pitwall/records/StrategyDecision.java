package dev.streamwall.pitwall.records;

import java.io.Serializable;

/**
 * One step of a pit call's life for one car (the {@code strategy_decisions} table and the decisions
 * topic). A call covers one stop: it opens as {@code PREPARE} with the laps the stop is expected
 * in, or straight away as {@code BOX_NOW} or {@code BOX_OPPORTUNITY}; it advances to {@code
 * BOX_NOW} once; it closes as {@code PITTED} when the car stops, or {@code WITHDRAWN} with the
 * reason. A car on a stint that needs no stop gets no rows at all: the lap-by-lap view is {@link
 * StintOutlook}.
 */
public class StrategyDecision implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String PITTED = "PITTED";
    public static final String WITHDRAWN = "WITHDRAWN";

    /** The call this step belongs to: {@code race/car/stint} of the stint the stop ends. */
    public String callId;

    public String raceId;
    public int car;
    public String driver;

    /** Lap the car is on when the step is taken (the lap after the one that just closed). */
    public int lap;

    /** Event time of the step: the closing lap's end, or the track-status change. */
    public long ts;

    /** {@code LAP} or {@code TRACK_STATUS}. */
    public String trigger;

    /**
     * {@code PREPARE}, {@code BOX_NOW}, {@code BOX_OPPORTUNITY} (a {@link Call} that opens or
     * advances the call), {@link #PITTED} or {@link #WITHDRAWN} (it closes).
     */
    public String call;

    /**
     * The in-laps the call expects, first and last: the window of a PREPARE, this lap for a box
     * call, the lap the car came in on for PITTED; null for WITHDRAWN.
     */
    public Integer fromLap;

    public Integer toLap;

    /** Probability that the best stop falls within the pit window (the outlook's). */
    public double probability;

    public String reason;
    public int stint;
    public String tyreCompound;
    public int tyreAge;
    public int lapsRemaining;
    public String trackStatus;
    public int position;

    /** Wall-clock millis when the input that triggered this step was read; not stored. */
    @com.fasterxml.jackson.annotation.JsonIgnore public long receivedAt;

    public StrategyDecision() {}

    @Override
    public String toString() {
        return "StrategyDecision{"
                + callId
                + ", lap="
                + lap
                + ", "
                + call
                + " ["
                + fromLap
                + ", "
                + toLap
                + "]: "
                + reason
                + "}";
    }
}
