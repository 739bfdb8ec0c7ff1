package dev.streamwall.cityflow.functions.route;

import dev.streamwall.cityflow.records.Reroute;
import dev.streamwall.generators.city.RoadRecord;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.YenKShortestPath;
import org.jgrapht.graph.DirectedWeightedMultigraph;

/**
 * Alternatives around a congested road on the road graph, weighted by predicted travel time.
 *
 * <p>The usual route through a road runs from the start of the road that feeds it most straight on
 * to the end of the road it feeds most straight on (by the junctions' positions; by road id when
 * there are none). The alternatives are the k shortest paths (Yen) between the same junctions that
 * avoid the congested road, kept when they are at least {@code minEtaGain} minutes faster.
 */
public final class Router implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a road will be driven at the horizon: speed and minutes. */
    public record Drive(double kmh, double minutes) implements Serializable {}

    private final int alternatives;
    private final double minEtaGainMin;
    private final EmissionFactor co2;

    public Router(int alternatives, double minEtaGainMin, EmissionFactor co2) {
        this.alternatives = alternatives;
        this.minEtaGainMin = minEtaGainMin;
        this.co2 = co2;
    }

    /** A routing graph for one minute: the roads and how each will be driven. */
    public static final class Snapshot {
        final Map<String, RoadRecord> roads;
        final Map<String, Drive> drives;
        final DirectedWeightedMultigraph<String, String> graph;
        final Map<String, List<RoadRecord>> leaving = new HashMap<>();
        final Map<String, List<RoadRecord>> entering = new HashMap<>();

        /**
         * @param drives predicted drives by road; roads without one are driven at free flow
         */
        public Snapshot(Map<String, RoadRecord> roads, Map<String, Drive> drives) {
            this.roads = roads;
            this.drives = new HashMap<>(drives);
            this.graph = new DirectedWeightedMultigraph<>(String.class);
            List<RoadRecord> sorted =
                    roads.values().stream().sorted(Comparator.comparing(r -> r.road)).toList();
            for (RoadRecord r : sorted) {
                graph.addVertex(r.from);
                graph.addVertex(r.to);
                graph.addEdge(r.from, r.to, r.road);
                Drive d =
                        this.drives.computeIfAbsent(
                                r.road, k -> new Drive(r.freeFlowKmh, r.freeFlowMinutes()));
                graph.setEdgeWeight(r.road, d.minutes());
                leaving.computeIfAbsent(r.from, k -> new ArrayList<>()).add(r);
                entering.computeIfAbsent(r.to, k -> new ArrayList<>()).add(r);
            }
        }

        /** The roads leaving {@code road}'s end, except the one straight back. */
        public List<RoadRecord> downstream(RoadRecord road) {
            return leaving.getOrDefault(road.to, List.of()).stream()
                    .filter(r -> !r.to.equals(road.from))
                    .toList();
        }

        /** The roads entering {@code road}'s start, except the one coming back from its end. */
        public List<RoadRecord> upstream(RoadRecord road) {
            return entering.getOrDefault(road.from, List.of()).stream()
                    .filter(r -> !r.from.equals(road.to))
                    .toList();
        }
    }

    /**
     * Up to {@code alternatives} reroutes around {@code road}, best first; none when none is
     * better.
     */
    public List<Reroute> reroutes(Snapshot s, String roadId, long ts, double predictedScore) {
        RoadRecord road = s.roads.get(roadId);
        if (road == null) {
            return List.of();
        }
        RoadRecord in = straightest(s.upstream(road), road, true);
        RoadRecord out = straightest(s.downstream(road), road, false);
        List<String> usual = new ArrayList<>();
        if (in != null) {
            usual.add(in.road);
        }
        usual.add(road.road);
        if (out != null) {
            usual.add(out.road);
        }
        String origin = in != null ? in.from : road.from;
        String destination = out != null ? out.to : road.to;
        Totals route = totals(s, usual);
        if (origin.equals(destination)) {
            return List.of();
        }

        List<GraphPath<String, String>> paths =
                new YenKShortestPath<>(s.graph).getPaths(origin, destination, alternatives + 2);
        List<Reroute> result = new ArrayList<>();
        for (GraphPath<String, String> p : paths) {
            List<String> roads = p.getEdgeList();
            if (roads.contains(road.road) || roads.equals(usual)) {
                continue;
            }
            Totals alt = totals(s, roads);
            double gain = route.minutes - alt.minutes;
            if (gain < minEtaGainMin) {
                continue;
            }
            Reroute r = new Reroute();
            r.ts = ts;
            r.road = road.road;
            r.rank = result.size() + 1;
            r.routeId = String.join(">", usual);
            r.altRouteId = String.join(">", roads);
            r.origin = origin;
            r.destination = destination;
            r.predictedScore = predictedScore;
            r.routeEtaMin = round(route.minutes, 2);
            r.altEtaMin = round(alt.minutes, 2);
            r.etaGainMin = round(gain, 2);
            r.routeLengthM = route.metres;
            r.altLengthM = alt.metres;
            r.routeCo2G = round(route.grams, 1);
            r.altCo2G = round(alt.grams, 1);
            r.co2GainG = round(route.grams - alt.grams, 1);
            r.reason =
                    String.format(
                            Locale.ROOT,
                            "%s predicted %.2f congested; %s is %.1f min faster from %s to %s",
                            road.road,
                            predictedScore,
                            r.altRouteId,
                            gain,
                            origin,
                            destination);
            result.add(r);
            if (result.size() == alternatives) {
                break;
            }
        }
        return result;
    }

    private record Totals(double minutes, double metres, double grams) {}

    private Totals totals(Snapshot s, List<String> roads) {
        double minutes = 0, metres = 0, grams = 0;
        for (String id : roads) {
            RoadRecord r = s.roads.get(id);
            Drive d = s.drives.get(id);
            minutes += d.minutes();
            metres += r.lengthM;
            grams += r.lengthM / 1000.0 * co2.gramsPerKm(d.kmh());
        }
        return new Totals(minutes, metres, grams);
    }

    /**
     * Of the roads joining {@code road}, the one most in line with it (by position), else the first
     * by id.
     */
    static RoadRecord straightest(List<RoadRecord> candidates, RoadRecord road, boolean before) {
        RoadRecord best = null;
        double bestCos = Double.NEGATIVE_INFINITY;
        for (RoadRecord c :
                candidates.stream()
                        .sorted(Comparator.comparing(r -> r.road))
                        .collect(Collectors.toList())) {
            double cos = before ? cosine(c, road) : cosine(road, c);
            if (best == null || cos > bestCos + 1e-9) {
                best = c;
                bestCos = cos;
            }
        }
        return best;
    }

    private static double cosine(RoadRecord a, RoadRecord b) {
        if (a.fromLat == null || a.toLat == null || b.fromLat == null || b.toLat == null) {
            return 0;
        }
        double ax = a.toLon - a.fromLon, ay = a.toLat - a.fromLat;
        double bx = b.toLon - b.fromLon, by = b.toLat - b.fromLat;
        double n = Math.hypot(ax, ay) * Math.hypot(bx, by);
        return n == 0 ? 0 : (ax * bx + ay * by) / n;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
