package dev.streamwall.cityflow.records;

import java.io.Serializable;

/**
 * An alternative to the usual route through a road predicted congested: the usual route runs from
 * the start of the road feeding it to the end of the road it feeds, and the alternative joins the
 * same two junctions avoiding the congested road. Times use predicted speeds at the horizon.
 */
public class Reroute implements Serializable {
    private static final long serialVersionUID = 1L;

    public long ts;

    /** The usual route's roads joined by {@code >}, such as {@code R19>R20>R23}. */
    public String routeId;

    public String altRouteId;
    public String reason;

    /** The congested road. */
    public String road;

    /** 1 for the best alternative, 2 for the next. */
    public int rank;

    public String origin;
    public String destination;
    public double predictedScore;
    public double routeEtaMin;
    public double altEtaMin;
    public double etaGainMin;
    public double routeLengthM;
    public double altLengthM;
    public double routeCo2G;
    public double altCo2G;

    /** Grams of CO2 saved per vehicle taking the alternative; negative when it emits more. */
    public double co2GainG;

    public Reroute() {}

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "Reroute{%s @%d %s -> %s eta gain %.1f min, CO2 gain %.0f g}",
                road,
                ts,
                routeId,
                altRouteId,
                etaGainMin,
                co2GainG);
    }
}
