package dev.streamwall.pitwall.records;

import java.io.Serializable;

/**
 * The strategy model's view of one car after a completed lap or a track-status change: the call the
 * rules make now and the figures behind it (the {@code stint_outlook} table, one row per lap and
 * status change). The decisions a pit wall acts on are {@link StrategyDecision}s, made from these
 * only when a call opens, advances or closes.
 */
public class StintOutlook implements Serializable {
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

    /**
     * The laps the model expects the car's next in-lap in, first and last; null when no stop is
     * needed.
     */
    public Integer windowFrom;

    public Integer windowTo;

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

    public StintOutlook() {}

    @Override
    public String toString() {
        return "StintOutlook{car="
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
