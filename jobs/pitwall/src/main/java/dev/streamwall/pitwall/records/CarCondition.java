package dev.streamwall.pitwall.records;

import java.io.Serializable;

/**
 * One car's condition over one second of event time, condensed from ~100 samples: what the CEP
 * anomaly patterns match on.
 */
public class CarCondition implements Serializable {
    private static final long serialVersionUID = 1L;

    public String raceId;
    public int car;
    public String driver;
    public int lap;

    /** Timestamp of the last sample in the second. */
    public long ts;

    /** Timestamp of the first sample in the second. */
    public long firstTs;

    /**
     * Timestamp of the sample that closed the second (the first of the next): the condition's event
     * time in the stream, and so the time of a CEP match it completes.
     */
    public long closedTs;

    public int samples;

    /**
     * The corner whose brake ran hottest on average (fl, fr, rl, rr), with its lowest and highest
     * reading.
     */
    public String hotBrake;

    public double hotBrakeMin;
    public double hotBrakeMax;
    public double engineTempMean;
    public double engineTempMax;

    /**
     * The tyre whose pressure is furthest below its partner on the same axle, and by how much
     * (psi).
     */
    public String lowTyre;

    public double pressureDeficit;
    public double lowTyrePressure;

    /** How much hotter that tyre runs than its partner, °C. */
    public double lowTyreTempExcess;

    /** A channel that has repeated exactly the same value for at least a second, or null. */
    public String stuckChannel;

    public double stuckValue;
    public long stuckSinceTs;
    public boolean inPit;
    public String trackStatus;

    public CarCondition() {}

    @Override
    public String toString() {
        return "CarCondition{car="
                + car
                + ", ts="
                + ts
                + ", brake "
                + hotBrake
                + " "
                + Math.round(hotBrakeMin)
                + ".."
                + Math.round(hotBrakeMax)
                + ", engine "
                + Math.round(engineTempMean)
                + ", low "
                + lowTyre
                + " -"
                + pressureDeficit
                + "psi, stuck "
                + stuckChannel
                + "}";
    }
}
