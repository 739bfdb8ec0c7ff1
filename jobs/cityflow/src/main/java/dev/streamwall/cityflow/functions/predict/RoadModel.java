package dev.streamwall.cityflow.functions.predict;

/**
 * Everything the predictor keeps per road, as one POJO (Flink's POJO serializer, so fields can be
 * added with defaults and removed across savepoints; a model of the first version is recognised by
 * its missing level bank and starts its forecaster again, see {@link CongestionModel}). Arrays are
 * rings indexed by minute number modulo their length, with the minute stored beside each slot so
 * gaps are seen.
 */
public class RoadModel {
    /** End of the last minute folded in, epoch ms; 0 before the first. */
    public long lastTs;

    public int minutes;

    /** Smoothed speed, flow and occupancy (NaN while unknown). */
    public double speed = Double.NaN;

    public double flow = Double.NaN;
    public double occupancy = Double.NaN;

    /**
     * The free-flow speed when the graph does not give one: a high quantile of the smoothed speed
     * (the fastest speed seen, in the first version's state, from which it settles).
     */
    public double learnedFreeFlow;

    /** Mean distance of the smoothed speed from {@link #learnedFreeFlow}. */
    public double freeFlowSpread;

    /** The most flow seen: the capacity when the graph does not give one. */
    public double learnedCapacity;

    /** Per slot: the minute and the raw minute means. */
    public long[] slotTs;

    public double[] rawSpeed;
    public double[] rawFlow;
    public double[] rawOccupancy;

    /** Per slot: the level, the free-flow speed and the features the forecast was made from. */
    public double[] levelAt;

    public double[] scaleAt;
    public double[] featuresAt;

    /** The level bank: one exponentially weighted mean of the speed per weight, and its error. */
    public double[] levels;

    public double[] levelErrors;

    /** The level used (the best member of the bank), which member, and when. */
    public double level = Double.NaN;

    public int levelChoice;
    public long levelTs;

    /** The level's trend, km/h per minute. */
    public double trendPerMin;

    /** Time-of-day speed: 96 quarter-hours of weekdays, 96 of weekends, 96 of all days. */
    public double[] speedProfile;

    /** Per quarter-hour: readings folded in, days they came from, the last of those days. */
    public int[] speedProfileN;

    public int[] speedProfileDays;
    public int[] speedProfileLastDay;

    /** Recursive least squares: weights, inverse-covariance, outcomes learnt from. */
    public double[] weights;

    public double[] covariance;
    public int trained;

    /** Mean squared error of the fit's latest outcomes (per free-flow speed), for the clipping. */
    public double residual2 = Double.NaN;

    /** Moving mean squared error of the model's T+horizon predictions (per free-flow speed). */
    public double modelError2 = Double.NaN;

    public RoadModel() {}
}
