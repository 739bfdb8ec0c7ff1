package dev.streamwall.cityflow.functions.incident;

import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.cityflow.records.TrafficIncident;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * The two CEP rules over each road's minutes ({@link RoadStatus}):
 *
 * <ul>
 *   <li><b>Congestion onset</b>: a flowing minute, then {@code onsetMinutes} consecutive minutes
 *       below {@code onsetRatio} of free flow with occupancy not falling.
 *   <li><b>Incident</b>: a flowing minute, then within 6 minutes a minute below {@code
 *       incidentRatio} of free flow while every road it feeds still flows above {@code onsetRatio}:
 *       the queue's head is on this road, so something blocks it. City-wide rush-hour congestion
 *       slows the downstream roads too and does not match.
 * </ul>
 */
public final class IncidentRules {

    /** The rules' thresholds. */
    public record Thresholds(double onsetRatio, int onsetMinutes, double incidentRatio)
            implements Serializable {
        public static Thresholds defaults() {
            return new Thresholds(0.7, 3, 0.5);
        }
    }

    private IncidentRules() {}

    /** HIGH below 30 % of free flow, else MEDIUM. */
    public static String severity(double speedRatio) {
        return speedRatio < 0.3 ? "HIGH" : "MEDIUM";
    }

    public static Pattern<RoadStatus, ?> onset(Thresholds t) {
        return Pattern.<RoadStatus>begin("flowing", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.speedRatio >= t.onsetRatio()))
                .next("slowing")
                .where(
                        SimpleCondition.of(
                                s -> s.speedRatio < t.onsetRatio() && !(s.occupancyDelta < 0)))
                .times(t.onsetMinutes())
                .consecutive();
    }

    /** How soon after a flowing minute a blocked one makes an incident: less than this. */
    public static final Duration INCIDENT_WITHIN = Duration.ofMinutes(6);

    public static Pattern<RoadStatus, ?> incident(Thresholds t) {
        return Pattern.<RoadStatus>begin("flowing", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.speedRatio >= t.onsetRatio()))
                .followedBy("blocked")
                .where(SimpleCondition.of(s -> blocked(t, s)))
                .within(INCIDENT_WITHIN);
    }

    /**
     * The incident rule without {@code within}, for CEP in processing time, where {@code within}
     * would count wall-clock time: a flowing minute, then at most {@code INCIDENT_WITHIN} in
     * minutes of minutes that are not blocked, then a blocked one less than {@code INCIDENT_WITHIN}
     * after the flowing one by the minutes' own times. On each road's minutes in time order (at
     * most one a minute) it makes the same matches as {@link #incident} in event time ({@code
     * IncidentRulesTest}), and a partial match ends after that many minutes, as {@code within} ends
     * it.
     */
    public static Pattern<RoadStatus, ?> incidentWithoutWindow(Thresholds t) {
        return Pattern.<RoadStatus>begin("flowing", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.speedRatio >= t.onsetRatio()))
                .next("between")
                .where(SimpleCondition.of(s -> !blocked(t, s)))
                .times(1, (int) INCIDENT_WITHIN.toMinutes())
                .consecutive()
                .optional()
                .next("blocked")
                .where(
                        new IterativeCondition<>() {
                            @Override
                            public boolean filter(RoadStatus s, Context<RoadStatus> ctx)
                                    throws Exception {
                                if (!blocked(t, s)) {
                                    return false; // most minutes: no need to read the match
                                }
                                for (RoadStatus flowing : ctx.getEventsForPattern("flowing")) {
                                    return s.ts - flowing.ts < INCIDENT_WITHIN.toMillis();
                                }
                                return false;
                            }
                        });
    }

    /** Below the incident share of free flow while every road it feeds flows above the onset's. */
    private static boolean blocked(Thresholds t, RoadStatus s) {
        return s.speedRatio < t.incidentRatio() && s.downstreamRatio >= t.onsetRatio();
    }

    /** Turns a match into an incident candidate; {@link IncidentTracker} gives it a lifecycle. */
    public static final class ToIncident
            extends PatternProcessFunction<RoadStatus, TrafficIncident> {
        private static final long serialVersionUID = 1L;

        private final String kind;
        private final String lastStage;

        public ToIncident(String kind, String lastStage) {
            this.kind = kind;
            this.lastStage = lastStage;
        }

        public static ToIncident onset() {
            return new ToIncident(TrafficIncident.CONGESTION_ONSET, "slowing");
        }

        public static ToIncident incident() {
            return new ToIncident(TrafficIncident.INCIDENT, "blocked");
        }

        @Override
        public void processMatch(
                Map<String, List<RoadStatus>> match, Context ctx, Collector<TrafficIncident> out) {
            out.collect(describe(match));
        }

        private TrafficIncident describe(Map<String, List<RoadStatus>> match) {
            RoadStatus before = match.get("flowing").get(0);
            List<RoadStatus> evidence = match.get(lastStage);
            RoadStatus first = evidence.get(0);
            RoadStatus last = evidence.get(evidence.size() - 1);
            TrafficIncident i = new TrafficIncident();
            i.road = last.road;
            i.kind = kind;
            i.status = TrafficIncident.OPEN;
            i.startTs = first.ts;
            i.raisedTs = last.ts;
            i.endTs = last.ts;
            i.speedRatio = last.speedRatio;
            i.downstreamRatio = last.downstreamRatio;
            i.occupancy = last.occupancy;
            i.severity = severity(last.speedRatio);
            i.incidentId = i.road + ":" + kind + ":" + i.startTs;
            i.detail =
                    TrafficIncident.INCIDENT.equals(kind)
                            ? String.format(
                                    Locale.ROOT,
                                    "speed fell from %.0f%% to %.0f%% of free flow in %d min while"
                                            + " the slowest road it feeds runs at %.0f%%",
                                    before.speedRatio * 100,
                                    last.speedRatio * 100,
                                    (last.ts - before.ts) / 60_000,
                                    last.downstreamRatio * 100)
                            : String.format(
                                    Locale.ROOT,
                                    "%d minutes in a row slowing: from %.0f%% to %.0f%% of free flow,"
                                            + " occupancy %s",
                                    evidence.size(),
                                    before.speedRatio * 100,
                                    last.speedRatio * 100,
                                    Double.isNaN(last.occupancy)
                                            ? "not measured"
                                            : String.format(Locale.ROOT, "%.2f", last.occupancy));
            return i;
        }
    }
}
