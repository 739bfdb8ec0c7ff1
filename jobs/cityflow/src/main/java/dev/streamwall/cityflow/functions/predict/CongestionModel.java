package dev.streamwall.cityflow.functions.predict;

import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.RoadMinute;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * Per-road congestion now and at T+horizon, learnt online from the road's own minutes.
 *
 * <p>Congestion now is {@code 1 - v / vf} from the smoothed speed {@code v} and the free-flow speed
 * {@code vf}. The prediction is now plus a learnt change: {@code c(t+h) = c(t) + w · x(t)} with
 * features {@code x} = (the last 10 minutes' trend projected over the horizon; the change the
 * road's time-of-day profile expects over the horizon; the distance from the road's hourly mean).
 * The weights start at a prior (half the trend carries, the profile in full, a fifth of the
 * distance from the mean recovers) and are fitted by recursive least squares with forgetting once
 * each minute's outcome is known, {@code h} minutes later, with each error clipped so that an
 * incident's jump does not teach a trend. The profile only speaks once a quarter-hour has been seen
 * on an earlier day.
 */
public final class CongestionModel implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String VERSION = "rls-trend-profile-v1";

    static final int FEATURES = 3;

    /**
     * Prior weights: half the recent trend carries over the horizon, the profile's change in full,
     * a fifth of the distance from the hourly mean is recovered; the fit moves them only as far as
     * the road's outcomes support.
     */
    static final double[] PRIOR_WEIGHTS = {0.5, 1.0, -0.2};

    static final int PROFILE_BUCKETS = 96;
    static final int TREND_MINUTES = 10;
    static final int BASELINE_MINUTES = 30;
    private static final double SMOOTHING = 0.7;
    private static final double SLOW = 1 - Math.pow(0.5, 1 / 60.0);
    private static final double FORGETTING = 0.999;
    private static final double PRIOR = 0.5;
    private static final double ERROR_SMOOTHING = 0.05;

    /** Largest error one outcome may teach: larger changes are incidents, not trends. */
    private static final double HUBER = 0.02;

    private final int horizonMin;
    private final ZoneId zone;

    public CongestionModel(int horizonMin, ZoneId zone) {
        if (horizonMin < 1) {
            throw new IllegalArgumentException("the horizon must be at least a minute");
        }
        this.horizonMin = horizonMin;
        this.zone = zone;
    }

    public int horizonMin() {
        return horizonMin;
    }

    /** What the graph says about a road; NaN for what it does not know. */
    public record RoadFacts(double freeFlowKmh, double capacityVph, double lengthM) {
        public static final RoadFacts UNKNOWN = new RoadFacts(Double.NaN, Double.NaN, Double.NaN);
    }

    public RoadModel create() {
        RoadModel m = new RoadModel();
        int ring = ring();
        m.slotTs = new long[ring];
        m.congestion = new double[ring];
        m.rawSpeed = new double[ring];
        m.rawFlow = new double[ring];
        m.rawOccupancy = new double[ring];
        m.features = new double[ring * FEATURES];
        m.profile = new double[2 * PROFILE_BUCKETS];
        m.profileN = new int[2 * PROFILE_BUCKETS];
        m.weights = PRIOR_WEIGHTS.clone();
        m.covariance = identity(PRIOR);
        return m;
    }

    private int ring() {
        return Math.max(horizonMin + 1, BASELINE_MINUTES + 1);
    }

    /**
     * Folds one minute into the model and returns the forecast made at its end; null when the
     * minute is older than the last one folded in (it changes nothing).
     */
    public CongestionForecast update(RoadModel m, RoadMinute minute, RoadFacts facts) {
        if (minute.ts <= m.lastTs) {
            return null;
        }
        if (m.slotTs.length != ring()) {
            // Restored with another horizon: the rings start again; profile and fit carry over.
            RoadModel fresh = create();
            m.slotTs = fresh.slotTs;
            m.congestion = fresh.congestion;
            m.rawSpeed = fresh.rawSpeed;
            m.rawFlow = fresh.rawFlow;
            m.rawOccupancy = fresh.rawOccupancy;
            m.features = fresh.features;
        }
        // Smoothing: a minute's mean over two sensors is already an average of many readings.
        m.speed = smooth(m.speed, minute.speed);
        m.flow = smooth(m.flow, minute.flow);
        m.occupancy = smooth(m.occupancy, minute.occupancy);
        m.learnedFreeFlow = Math.max(m.learnedFreeFlow, m.speed);
        if (!Double.isNaN(m.flow)) {
            m.learnedCapacity = Math.max(m.learnedCapacity, m.flow);
        }
        double vf = Double.isNaN(facts.freeFlowKmh()) ? m.learnedFreeFlow : facts.freeFlowKmh();
        double c = clamp(1 - m.speed / vf);
        m.slowMean = Double.isNaN(m.slowMean) ? c : m.slowMean + SLOW * (c - m.slowMean);

        long minuteNo = Math.floorDiv(minute.ts, 60_000L);
        int ring = m.slotTs.length;
        int slot = (int) Math.floorMod(minuteNo, ring);
        m.slotTs[slot] = minute.ts;
        m.congestion[slot] = c;
        m.rawSpeed[slot] = minute.speed;
        m.rawFlow[slot] = minute.flow;
        m.rawOccupancy[slot] = minute.occupancy;

        learn(m, minute.ts, c);

        double trend = trend(m, minute.ts);
        double[] x = {trend * horizonMin, profileDelta(m, minute.ts), c - m.slowMean};
        System.arraycopy(x, 0, m.features, slot * FEATURES, FEATURES);
        updateProfile(m, minute.ts, c);
        double change = 0;
        for (int i = 0; i < FEATURES; i++) {
            change += m.weights[i] * x[i];
        }
        double predicted = clamp(c + Math.max(-1, Math.min(1, change)));

        m.lastTs = minute.ts;
        m.minutes++;

        CongestionForecast f = new CongestionForecast();
        f.ts = minute.ts;
        f.road = minute.road;
        f.horizonMin = horizonMin;
        f.score = round(predicted);
        f.confidence = round(confidence(m));
        f.modelVersion = VERSION;
        f.now = round(c);
        f.baseline = round(seedBaseline(m, minute.ts, vf, facts.capacityVph()));
        f.speed = round(m.speed);
        f.flow = m.flow;
        f.occupancy = m.occupancy;
        f.freeFlowKmh = vf;
        f.trendPerMin = round(trend);
        f.travelMin = travelMinutes(facts.lengthM(), m.speed);
        f.predictedTravelMin = travelMinutes(facts.lengthM(), vf * (1 - predicted));
        f.readings = minute.readings;
        return f;
    }

    /** Minutes to drive {@code lengthM} at {@code kmh} (at least 3 km/h: a queue still moves). */
    public static double travelMinutes(double lengthM, double kmh) {
        if (Double.isNaN(lengthM) || Double.isNaN(kmh)) {
            return Double.NaN;
        }
        return lengthM / 1000.0 / Math.max(3.0, kmh) * 60.0;
    }

    /**
     * The outcome of the forecast made {@code horizon} minutes ago is now known: one step of
     * recursive least squares on (features then, change since then).
     */
    private void learn(RoadModel m, long ts, double c) {
        long then = ts - horizonMin * 60_000L;
        int ring = m.slotTs.length;
        int slot = (int) Math.floorMod(Math.floorDiv(then, 60_000L), ring);
        if (m.slotTs[slot] != then) {
            return;
        }
        double before = m.congestion[slot];
        double[] x = Arrays.copyOfRange(m.features, slot * FEATURES, (slot + 1) * FEATURES);
        double y = c - before;
        double guess = 0;
        for (int i = 0; i < FEATURES; i++) {
            guess += m.weights[i] * x[i];
        }
        double modelError = clamp(before + Math.max(-1, Math.min(1, guess))) - c;
        double persistenceError = before - c;
        m.modelError2 = ewma(m.modelError2, modelError * modelError);
        m.persistenceError2 = ewma(m.persistenceError2, persistenceError * persistenceError);

        double[] p = m.covariance;
        double[] px = new double[FEATURES];
        double xpx = 0;
        for (int i = 0; i < FEATURES; i++) {
            for (int j = 0; j < FEATURES; j++) {
                px[i] += p[i * FEATURES + j] * x[j];
            }
            xpx += x[i] * px[i];
        }
        double denominator = FORGETTING + xpx;
        // Huber-style: an incident's sudden change is not a lesson about this road's trends.
        double e = Math.max(-HUBER, Math.min(HUBER, y - guess));
        for (int i = 0; i < FEATURES; i++) {
            m.weights[i] += px[i] / denominator * e;
        }
        double trace = 0;
        for (int i = 0; i < FEATURES; i++) {
            for (int j = 0; j < FEATURES; j++) {
                p[i * FEATURES + j] =
                        (p[i * FEATURES + j] - px[i] * px[j] / denominator) / FORGETTING;
            }
            trace += p[i * FEATURES + i];
        }
        // Without excitation (a quiet night) forgetting inflates P without bound: cap it.
        if (trace > FEATURES * PRIOR) {
            double scale = FEATURES * PRIOR / trace;
            for (int i = 0; i < p.length; i++) {
                p[i] *= scale;
            }
        }
        m.trained++;
    }

    /** Least-squares slope of congestion per minute over the last minutes (0 with fewer than 3). */
    static double trend(RoadModel m, long ts) {
        int ring = m.slotTs.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int k = 0; k < TREND_MINUTES; k++) {
            long t = ts - k * 60_000L;
            int slot = (int) Math.floorMod(Math.floorDiv(t, 60_000L), ring);
            if (m.slotTs[slot] != t) {
                continue;
            }
            double x = -k;
            double y = m.congestion[slot];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }
        if (n < 3) {
            return 0;
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }

    /**
     * The change of congestion the profile expects from now to the horizon; 0 until both
     * quarter-hours have been seen.
     */
    double profileDelta(RoadModel m, long ts) {
        int now = bucket(ts);
        int later = bucket(ts + horizonMin * 60_000L);
        if (now == later || m.profileN[now] == 0 || m.profileN[later] == 0) {
            return 0;
        }
        return m.profile[later] - m.profile[now];
    }

    private void updateProfile(RoadModel m, long ts, double c) {
        int b = bucket(ts);
        int n = m.profileN[b];
        double rate = n < 30 ? 1.0 / (n + 1) : 1.0 / 30;
        m.profile[b] += rate * (c - m.profile[b]);
        m.profileN[b] = n + 1;
    }

    /** Quarter-hour of the day in the city's time zone, weekends after weekdays. */
    int bucket(long ts) {
        ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(zone);
        int quarter = (t.getHour() * 60 + t.getMinute()) / 15;
        boolean weekend =
                t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
        return (weekend ? PROFILE_BUCKETS : 0) + quarter;
    }

    /**
     * The seed's score: {@code 0.4 (1 - v/vf) + 0.4 occupancy + 0.2 flow/capacity} over the last 30
     * minutes; terms a road does not measure are left out and the others re-weighted.
     */
    static double seedBaseline(RoadModel m, long ts, double vf, double capacity) {
        int ring = m.slotTs.length;
        double speed = 0, flow = 0, occ = 0;
        int ns = 0, nf = 0, no = 0;
        for (int k = 0; k < BASELINE_MINUTES; k++) {
            long t = ts - k * 60_000L;
            int slot = (int) Math.floorMod(Math.floorDiv(t, 60_000L), ring);
            if (m.slotTs[slot] != t) {
                continue;
            }
            speed += m.rawSpeed[slot];
            ns++;
            if (!Double.isNaN(m.rawFlow[slot])) {
                flow += m.rawFlow[slot];
                nf++;
            }
            if (!Double.isNaN(m.rawOccupancy[slot])) {
                occ += m.rawOccupancy[slot];
                no++;
            }
        }
        double cap = Double.isNaN(capacity) ? m.learnedCapacity : capacity;
        double score = 0.4 * clamp(1 - speed / ns / vf);
        double weight = 0.4;
        if (no > 0) {
            score += 0.4 * clamp(occ / no);
            weight += 0.4;
        }
        if (nf > 0 && cap > 0) {
            score += 0.2 * clamp(flow / nf / cap);
            weight += 0.2;
        }
        return score / weight;
    }

    /**
     * {@code e^(-RMSE / 0.1)} of the model's recent T+horizon error on this road, times a warm-up
     * {@code n / (n + 10)} over the outcomes it has learnt from.
     */
    static double confidence(RoadModel m) {
        if (m.trained == 0 || Double.isNaN(m.modelError2)) {
            return 0;
        }
        double rmse = Math.sqrt(m.modelError2);
        return Math.exp(-rmse / 0.1) * m.trained / (m.trained + 10.0);
    }

    private static double smooth(double previous, double value) {
        if (Double.isNaN(value)) {
            return previous;
        }
        return Double.isNaN(previous) ? value : previous + SMOOTHING * (value - previous);
    }

    private static double ewma(double previous, double value) {
        return Double.isNaN(previous) ? value : previous + ERROR_SMOOTHING * (value - previous);
    }

    private static double[] identity(double d) {
        double[] p = new double[FEATURES * FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            p[i * FEATURES + i] = d;
        }
        return p;
    }

    static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
