package dev.streamwall.pitwall.functions.strategy;

/**
 * What the strategy model knows about one car's race so far: the current stint's degradation fit
 * (fuel-corrected lap time against tyre age, by online least squares), wear and fuel rates, and the
 * compounds used. A public-field POJO kept in keyed state.
 */
public class StintState {
    public String raceId;
    public int car;
    public String driver;
    public int totalLaps;
    public int lastLap;
    public int stint;
    public int stintStartLap;
    public String compound;
    public int tyreAge;

    /** Comma-separated compounds used so far (the two-compound rule). */
    public String compoundsUsed = "";

    // Least-squares sums over the stint's clean laps: x = tyre age, y = fuel-corrected
    // lap time (s).
    public int n;
    public double sumX;
    public double sumY;
    public double sumXX;
    public double sumXY;

    /** Sum of squared lap times: the fit's scatter, which sets how far to trust its slope. */
    public double sumYY;

    /**
     * Residuals of the last two clean laps against the fit before they were added (cliff
     * detection).
     */
    public double lastResidual;

    public double previousResidual;

    public Double wear;

    /** Exponentially weighted tread wear per lap in this stint, percent. */
    public double wearPerLap;

    public Double fuel;

    /** Exponentially weighted fuel burn per lap, kg. */
    public double fuelPerLap;

    public int position;
    public Double gapAhead;
    public Double gapBehind;
    public String trackStatus = "GREEN";

    /** The worst track status of the last completed lap. */
    public String lastLapStatus;

    /**
     * Event time of the latest track-status change seen; a lap that began before it keeps its
     * status.
     */
    public long statusChangeTs;

    /** Event time at which the last completed lap ended. */
    public long lastLapEndTs;

    public long lastLapTimeMs;
    public String lastCall;

    /** The car's green-flag pace: an average of its recent clean laps near it, ms. */
    public double paceMs;

    /** Whether the car's laps have carried pit flags or tyre data (then stops are not inferred). */
    public boolean pitData;

    /** Stops inferred from the timing alone (see {@code StintFit}). */
    public int inferredStops;

    /** The lap the car came in on for its latest stop; 0 before the first. */
    public int lastStopInLap;

    /** Other cars seen to stop while the car drove its last lap (the field stage's count). */
    public int fieldStops;

    /**
     * The car's open pit call ({@code PREPARE}, {@code BOX_NOW} or {@code BOX_OPPORTUNITY}), null
     * when none is open (see {@code CallLifecycle}).
     */
    public String openCall;

    /** The stint the open call is to end, the lap it was opened on and its window of in-laps. */
    public int openCallStint;

    public int openCallLap;
    public int openFromLap;
    public int openToLap;

    public StintState() {}

    public boolean usedCompound(String c) {
        return ("," + compoundsUsed + ",").contains("," + c + ",");
    }

    public int compoundsUsedCount() {
        return compoundsUsed.isEmpty() ? 0 : compoundsUsed.split(",").length;
    }
}
