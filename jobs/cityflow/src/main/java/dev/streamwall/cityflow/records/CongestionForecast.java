package dev.streamwall.cityflow.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;

/**
 * A road's congestion now and predicted {@link #horizonMin} minutes ahead, made at the end of a
 * minute of readings. Congestion is {@code 1 - speed / free-flow speed}, clamped to 0..1: 0 is an
 * empty road, 0.5 is half its free-flow speed.
 */
public class CongestionForecast implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The end of the minute the forecast was made from, epoch ms. */
    public long ts;

    public String road;
    public int horizonMin;

    /** Predicted congestion at {@code ts + horizonMin}. */
    public double score;

    /** 0..1: grows with the road's history and shrinks with the model's recent error. */
    public double confidence;

    public String modelVersion;

    /** Congestion now, from the smoothed speed; also the persistence baseline's prediction. */
    public double now;

    /**
     * The seed's score: 40 % speed, 40 % occupancy, 20 % flow over the last 30 minutes (speed alone
     * when the road has no flow and occupancy).
     */
    public double baseline;

    public double speed;
    public double flow;
    public double occupancy;

    /** The free-flow speed used: the road graph's, else a high quantile of the smoothed speed. */
    public double freeFlowKmh;

    /** Change of congestion per minute over the last few readings. */
    public double trendPerMin;

    /** Minutes to drive the road now and at the horizon; NaN when the graph lacks its length. */
    public double travelMin;

    public double predictedTravelMin;

    /** The speed predicted at {@code ts + horizonMin}, km/h. */
    public double predictedSpeed;

    /** How the predicted speed was made: the level and each feature's part, km/h. */
    public String explanation;

    public int readings;

    /**
     * When the job read the reading this forecast's latency counts from (wall clock, 0 when
     * unknown; see {@link RoadMinute#receivedAt}); set by the job, not written out.
     */
    @JsonIgnore public long receivedAt;

    public CongestionForecast() {}

    /** The time the prediction is for. */
    public long targetTs() {
        return ts + horizonMin * 60_000L;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "CongestionForecast{%s @%d now=%.3f T+%d=%.3f conf=%.2f}",
                road,
                ts,
                now,
                horizonMin,
                score,
                confidence);
    }
}
