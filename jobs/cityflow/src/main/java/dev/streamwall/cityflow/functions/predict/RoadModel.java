package dev.streamwall.cityflow.functions.predict;

/**
 * Everything the predictor keeps per road, as one POJO (Flink's POJO serializer, so fields can be
 * added with defaults across savepoints). Arrays are rings indexed by minute number modulo their
 * length, with the minute stored beside each slot so gaps are seen.
 */
public class RoadModel {
    /** End of the last minute folded in, epoch ms; 0 before the first. */
    public long lastTs;

    public int minutes;

    /** Smoothed speed, flow and occupancy (NaN while unknown). */
    public double speed = Double.NaN;

    public double flow = Double.NaN;
    public double occupancy = Double.NaN;

    /** The fastest smoothed speed seen: the free-flow speed when the graph does not give one. */
    public double learnedFreeFlow;

    /** The most flow seen: the capacity when the graph does not give one. */
    public double learnedCapacity;

    /** Slow moving average of congestion (half-life about an hour). */
    public double slowMean = Double.NaN;

    /** Per slot: the minute, congestion then, the raw minute means, the features used then. */
    public long[] slotTs;

    public double[] congestion;
    public double[] rawSpeed;
    public double[] rawFlow;
    public double[] rawOccupancy;
    public double[] features;

    /** Time-of-day profile of congestion: 96 quarter-hours of weekdays, then 96 of weekends. */
    public double[] profile;

    public int[] profileN;

    /** Recursive least squares: weights, inverse-covariance, samples learnt from. */
    public double[] weights;

    public double[] covariance;
    public int trained;

    /** Moving mean squared error of the model's and of persistence's T+horizon predictions. */
    public double modelError2 = Double.NaN;

    public double persistenceError2 = Double.NaN;

    public RoadModel() {}
}
