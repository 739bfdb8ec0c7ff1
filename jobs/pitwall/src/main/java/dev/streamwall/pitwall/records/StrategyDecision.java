package dev.streamwall.pitwall.records;

import java.io.Serializable;

/**
 * One strategy call for one car, with the figures behind it (the {@code strategy_decisions} table).
 */
public class StrategyDecision implements Serializable {
    private static final long serialVersionUID = 1L;

    public String raceId;
    public int car;
    public String driver;

    /** Lap the car is on when the call is made (the lap after the one that just closed). */
    public int lap;

    /** Event time of the decision: the closing lap's end, or the track-status change. */
    public long ts;

    /** {@code LAP} or {@code TRACK_STATUS}. */
    public String trigger;

    /** One of {@link Call}'s names. */
    public String call;

    public String reason;
    public int stint;
    public String tyreCompound;
    public int tyreAge;

    /** 0 (finished) to 100 (fresh tyres, healthy stint). */
    public double stintHealth;

    /** Probability that the optimal stop falls within the next N laps. */
    public double pitWindowProbability;

    /** Estimated laps until the tyres reach the cliff; null when unknown. */
    public Double lapsToCliff;

    /** Fuel-corrected degradation in seconds per lap of tyre age. */
    public Double degradationPerLap;

    /** Fuel left at the flag at the current burn, kg; negative means short. */
    public Double fuelToFlag;

    public int lapsRemaining;

    /** A car behind is close enough to undercut. */
    public boolean undercutThreat;

    /** The car ahead is close enough to undercut. */
    public boolean undercutOpportunity;

    public String trackStatus;
    public int position;

    /** Wall-clock millis when the input that triggered this call was read; not stored. */
    @com.fasterxml.jackson.annotation.JsonIgnore public long receivedAt;

    public StrategyDecision() {}

    @Override
    public String toString() {
        return "StrategyDecision{car="
                + car
                + ", lap="
                + lap
                + ", "
                + trigger
                + " -> "
                + call
                + ": "
                + reason
                + "}";
    }
}
