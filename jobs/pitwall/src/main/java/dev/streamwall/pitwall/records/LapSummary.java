package dev.streamwall.pitwall.records;

/**
 * Per-lap analytics of one car, emitted when the lap closes in event time (the {@code laps} table).
 */
public class LapSummary extends LapTiming {
    private static final long serialVersionUID = 1L;

    public long lapStartTs;
    public Long sector1Ms;
    public Long sector2Ms;
    public Long sector3Ms;
    public double avgSpeed;
    public double topSpeed;

    /** Share of samples at full throttle (throttle at or above 98 %), percent. */
    public double fullThrottlePct;

    /** Share of samples with the brake pedal applied, percent. */
    public double brakingPct;

    public double fuelUsed;
    public double tyreWearDelta;
    public double peakTyreTemp;
    public double peakBrakeTemp;
    public double peakEngineTemp;
    public double peakGLat;

    /** Peak longitudinal deceleration, in g (positive). */
    public double peakGBrake;

    public double peakGAccel;
    public int samples;

    public LapSummary() {}
}
