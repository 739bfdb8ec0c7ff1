package dev.streamwall.generators.city;

import dev.streamwall.generators.wire.SideRecord;
import dev.streamwall.generators.wire.Simulation;
import dev.streamwall.wire.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The city's traffic in simulated time, deterministic from the seed: every step each road's demand
 * follows the time of day, lane closures cut its capacity and queues spill back onto the roads that
 * feed it, speeds move towards the BPR equilibrium with a few minutes' lag, and two sensors per
 * road (at 30 % and 80 % of its length) report speed, flow and occupancy with noise. Once a minute
 * every road's true state goes to the truth topic as a side record.
 */
public final class CitySimulator implements Simulation<RoadReading> {

    public static final String DEFAULT_TRUTH_TOPIC = Topics.CITY_TRUTH;

    public static final String DEFAULT_ROADS_TOPIC = Topics.CITY_ROADS;

    /** Speeds settle with this lag: congestion builds and clears over minutes, not at once. */
    private static final Duration LAG = Duration.ofMinutes(3);

    private final CityConfig config;
    private final String truthTopic;
    private final String roadsTopic;
    private boolean roadsSent;
    private final List<Road> roads;
    private final Map<String, List<Road>> downstreamOf = new LinkedHashMap<>();
    private final double[] demandFactor;
    private final double[] speed;
    private final double[] flow;
    private final double[] pressure; // demand / effective capacity, last step
    private final List<Incident> incidents;
    private final SplittableRandom noise;
    private final ArrayDeque<RoadReading> pending = new ArrayDeque<>();
    private final List<SideRecord> truths = new ArrayList<>();
    private final long end;
    private long now;

    public CitySimulator(CityConfig config) {
        this(config, DEFAULT_TRUTH_TOPIC, DEFAULT_ROADS_TOPIC);
    }

    /**
     * @param roadsTopic where the network goes before the first truth record, one record per road;
     *     null to leave it out
     */
    public CitySimulator(CityConfig config, String truthTopic, String roadsTopic) {
        this.config = config;
        this.truthTopic = truthTopic;
        this.roadsTopic = roadsTopic;
        this.roads = config.network().roads();
        SplittableRandom rng = new SplittableRandom(config.seed());
        this.demandFactor = new double[roads.size()];
        this.speed = new double[roads.size()];
        this.flow = new double[roads.size()];
        this.pressure = new double[roads.size()];
        for (int i = 0; i < roads.size(); i++) {
            Road r = roads.get(i);
            // Some streets are busier than others; the same ones every run of a seed.
            demandFactor[i] = 0.8 + 0.3 * rng.nextDouble();
            speed[i] = r.freeFlowKmh();
            for (Road up : config.network().upstreamOf(r)) {
                downstreamOf.computeIfAbsent(up.id(), k -> new ArrayList<>()).add(r);
            }
        }
        this.incidents = new ArrayList<>(config.incidents());
        long start = config.start().toEpochMilli();
        this.end = start + config.duration().toMillis();
        double hours = config.duration().toMillis() / 3_600_000.0;
        int random = (int) Math.round(config.incidentsPerHour() * hours);
        for (int k = 0; k < random; k++) {
            Road r = roads.get(rng.nextInt(roads.size()));
            long at = start + (long) (rng.nextDouble() * config.duration().toMillis() * 0.9);
            Duration length = Duration.ofMinutes(20 + rng.nextInt(41));
            incidents.add(new Incident(r.id(), at, length, r.lanes() > 2 ? 1 + rng.nextInt(2) : 1));
        }
        this.noise = rng.split();
        this.now = start;
    }

    /** Every incident of this run, the explicit ones and the random ones. */
    public List<Incident> incidents() {
        return List.copyOf(incidents);
    }

    @Override
    public long startTime() {
        return config.start().toEpochMilli();
    }

    @Override
    public boolean hasNext() {
        if (pending.isEmpty() && now < end) {
            step();
        }
        return !pending.isEmpty();
    }

    @Override
    public RoadReading next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("the simulation is over");
        }
        return pending.poll();
    }

    @Override
    public List<SideRecord> pollSideRecords() {
        if (!roadsSent && roadsTopic != null) {
            roadsSent = true;
            List<SideRecord> out = new ArrayList<>();
            for (Road r : roads) {
                out.add(
                        new SideRecord(
                                roadsTopic,
                                r.id(),
                                config.network().record(r, config.start().toEpochMilli())));
            }
            out.addAll(truths);
            truths.clear();
            return out;
        }
        if (truths.isEmpty()) {
            return List.of();
        }
        List<SideRecord> out = List.copyOf(truths);
        truths.clear();
        return out;
    }

    private void step() {
        long ts = now;
        double dt = config.step().toMillis();
        double alpha = 1 - Math.exp(-dt / LAG.toMillis());
        double share = TrafficModel.demandShare(ts);
        double[] nextPressure = new double[roads.size()];
        for (int i = 0; i < roads.size(); i++) {
            Road r = roads.get(i);
            double ownCapacity = r.capacityVph() * laneFactor(r, ts);
            double capacity = ownCapacity * spillback(r);
            double demand = share * demandFactor[i] * r.capacityVph();
            // A queue spills one road back: pressure counts the road's own closures only, so a
            // saturated avenue slows its feeders without locking the whole grid.
            nextPressure[i] = demand / ownCapacity;
            double target = TrafficModel.equilibriumSpeed(r.freeFlowKmh(), demand, capacity);
            speed[i] += alpha * (target - speed[i]);
            double served = Math.min(demand, capacity);
            flow[i] += alpha * (served - flow[i]);
        }
        System.arraycopy(nextPressure, 0, pressure, 0, pressure.length);
        for (int i = 0; i < roads.size(); i++) {
            Road r = roads.get(i);
            double congestion = congestion(i);
            double occ = TrafficModel.occupancy(flow[i], speed[i], r.lanes());
            // The downstream sensor sits nearer the queue's head.
            pending.add(reading(ts, r, "a", speed[i], occ));
            pending.add(reading(ts, r, "b", speed[i] * (1 - 0.1 * congestion), occ));
            if ((ts - startTime()) % 60_000 == 0) {
                truths.add(
                        new SideRecord(
                                truthTopic,
                                r.id(),
                                new RoadTruth(
                                        ts,
                                        r.id(),
                                        round(speed[i], 2),
                                        round(flow[i], 1),
                                        round(occ, 4),
                                        round(congestion, 4),
                                        laneFactor(r, ts) < 1)));
            }
        }
        now += config.step().toMillis();
    }

    private RoadReading reading(long ts, Road r, String position, double v, double occ) {
        int i = roads.indexOf(r);
        double s = Math.max(1, v + noise.nextGaussian() * 2.5);
        double q = Math.max(0, flow[i] * (1 + noise.nextGaussian() * 0.05));
        double o = Math.min(0.95, Math.max(0, occ + noise.nextGaussian() * 0.01));
        return new RoadReading(
                ts, r.id() + "-" + position, r.id(), round(s, 1), round(q, 0), round(o, 3));
    }

    private double congestion(int i) {
        return Math.max(0, Math.min(1, 1 - speed[i] / roads.get(i).freeFlowKmh()));
    }

    private double laneFactor(Road r, long ts) {
        int closed = 0;
        for (Incident inc : incidents) {
            if (inc.road().equals(r.id()) && inc.activeAt(ts)) {
                closed = Math.max(closed, inc.lanesClosed());
            }
        }
        return Math.max(1, r.lanes() - closed) / (double) r.lanes();
    }

    /** A saturated road downstream holds traffic back on this one. */
    private double spillback(Road r) {
        double worst = 0;
        for (Road down : downstreamOf.getOrDefault(r.id(), List.of())) {
            worst = Math.max(worst, pressure[roads.indexOf(down)]);
        }
        return worst > 1.0 ? Math.max(0.35, 1 - 0.5 * (worst - 1.0)) : 1.0;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
