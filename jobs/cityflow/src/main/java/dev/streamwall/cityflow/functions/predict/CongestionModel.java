package dev.streamwall.cityflow.functions.predict;

import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.RoadMinute;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

/**
 * Per-road speed and congestion now and at T+horizon, learnt online from the road's own readings,
 * whatever their step (1 minute, 5, 15: time is counted in the series' own observations, and the
 * horizon in minutes).
 *
 * <p>The forecast is a speed: {@code v(t+h) = L(t) + vf · w · x(t)}, where
 *
 * <ul>
 *   <li>{@code L} is the road's level: one of a bank of exponentially weighted means (weights 0.05
 *       to 1, where 1 is the last reading), the one whose recent one-step forecasts were best, so a
 *       noisy road is smoothed and a clean one followed;
 *   <li>{@code x} = (the change the road's time-of-day profile expects from now to the horizon; the
 *       distance from the profile's usual speed now to the level; the level's trend per minute
 *       times the horizon), each divided by the free-flow speed {@code vf};
 *   <li>{@code w} starts at a prior (the profile's change in full, a third of the way back to the
 *       usual speed, half the trend) and is fitted by recursive least squares with forgetting once
 *       each forecast's outcome is known, {@code h} minutes later; an error beyond three of the
 *       road's recent standard deviations is clipped, so an incident's jump teaches little.
 * </ul>
 *
 * <p>The profile keeps 96 quarter-hours for weekdays, 96 for weekends and 96 for all days; a
 * quarter-hour speaks once it was seen on an earlier day, its day type's when that has been seen,
 * else all days' (so a first Saturday borrows the weekdays'). Each day weighs {@value
 * SpeedProfile#PROFILE_DAY_RATE} of a quarter-hour's profile, however many readings it has. Without
 * a road graph the free-flow speed is a high quantile ({@value #FREE_FLOW_QUANTILE}) of the
 * smoothed speed, learnt with a step proportional to the speed's spread, so a single fast minute
 * does not set it for good. Congestion is {@code 1 - speed / vf}: now from the smoothed speed, at
 * the horizon from the forecast speed. Each forecast says how it was made ({@link
 * CongestionForecast#explanation}).
 */
public final class CongestionModel implements Serializable {
    private static final long serialVersionUID = 2L;

    public static final String VERSION = "level-profile-rls-v2";

    static final int FEATURES = 3;

    /** Prior weights of (profile change, back to the usual speed, trend). */
    static final double[] PRIOR_WEIGHTS = {1.0, 0.3, 0.5};

    /** The level bank: weights of the newest reading in each exponentially weighted mean. */
    static final double[] LEVEL_WEIGHTS = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0};

    /** The level used until the bank has seen {@link #LEVEL_WARMUP} readings: 0.7. */
    static final int DEFAULT_LEVEL = 5;

    static final int LEVEL_WARMUP = 10;

    /** Weight of the newest squared error in each bank member's error (about 50 readings). */
    static final double LEVEL_ERROR_RATE = 0.02;

    /**
     * The level's trend is an exponentially weighted mean of its change per minute over about
     * {@value #TREND_STEPS} readings, and never less than {@value #TREND_MINUTES} minutes.
     */
    static final double TREND_STEPS = 3;

    static final double TREND_MINUTES = 5;

    /** A gap longer than this starts the trend again. */
    static final long TREND_GAP_MS = 6 * 3_600_000L;

    static final double FREE_FLOW_QUANTILE = 0.95;

    /** The free-flow quantile moves by this share of the speed's spread per reading. */
    static final double FREE_FLOW_STEP = 0.1;

    /** Smoothing of the speed behind congestion now (weight of the newest minute). */
    private static final double SMOOTHING = 0.7;

    private static final double FORGETTING = 0.999;
    private static final double PRIOR = 0.5;
    private static final double ERROR_SMOOTHING = 0.05;

    /** Errors beyond this many of the road's recent standard deviations are clipped. */
    private static final double HUBER_SIGMAS = 3;

    private final int horizonMin;
    private final SpeedProfile profile;

    public CongestionModel(int horizonMin, ZoneId zone) {
        if (horizonMin < 1) {
            throw new IllegalArgumentException("the horizon must be at least a minute");
        }
        this.horizonMin = horizonMin;
        this.profile = new SpeedProfile(zone);
    }

    public int horizonMin() {
        return horizonMin;
    }

    /** The road's time-of-day profile, as this model reads it (its time zone). */
    SpeedProfile profile() {
        return profile;
    }

    /** What the graph says about a road; NaN for what it does not know. */
    public record RoadFacts(double freeFlowKmh, double capacityVph, double lengthM) {
        public static final RoadFacts UNKNOWN = new RoadFacts(Double.NaN, Double.NaN, Double.NaN);
    }

    public RoadModel create() {
        RoadModel m = new RoadModel();
        newForecaster(m);
        newRings(m);
        return m;
    }

    private int ring() {
        return Math.max(horizonMin + 1, SeedScore.MINUTES + 1);
    }

    private void newRings(RoadModel m) {
        int ring = ring();
        m.slotTs = new long[ring];
        m.rawSpeed = new double[ring];
        m.rawFlow = new double[ring];
        m.rawOccupancy = new double[ring];
        newForecastRings(m);
    }

    /** Per slot of the rings: nothing to learn from yet (no level, no features). */
    private static void newForecastRings(RoadModel m) {
        int ring = m.slotTs.length;
        m.levelAt = new double[ring];
        Arrays.fill(m.levelAt, Double.NaN);
        m.scaleAt = new double[ring];
        m.featuresAt = new double[ring * FEATURES];
        Arrays.fill(m.featuresAt, Double.NaN);
    }

    /**
     * The forecaster's part of the state, fresh: for a new road, and for a road whose state an
     * earlier version of the model wrote (its rings, smoothed readings, free-flow speed and errors
     * carry over; the level bank, profile and fit start again).
     */
    private static void newForecaster(RoadModel m) {
        m.levels = new double[LEVEL_WEIGHTS.length];
        Arrays.fill(m.levels, Double.NaN);
        m.levelErrors = new double[LEVEL_WEIGHTS.length];
        m.level = Double.NaN;
        m.levelChoice = DEFAULT_LEVEL;
        m.levelTs = 0;
        m.trendPerMin = 0;
        SpeedProfile.reset(m);
        m.weights = PRIOR_WEIGHTS.clone();
        m.covariance = identity(PRIOR);
        m.residual2 = Double.NaN;
        m.trained = 0;
        if (m.slotTs != null) {
            // The first version's rings (readings for the seed's score) carry over.
            newForecastRings(m);
        }
    }

    /**
     * Folds one minute into the model and returns the forecast made at its end; null when the
     * minute is older than the last one folded in (it changes nothing).
     */
    public CongestionForecast update(RoadModel m, RoadMinute minute, RoadFacts facts) {
        if (minute.ts <= m.lastTs) {
            return null;
        }
        if (m.levels == null) {
            // State of the first model version.
            newForecaster(m);
        }
        if (m.slotTs == null || m.slotTs.length != ring()) {
            // Restored with another horizon: the rings start again; profile and fit carry over.
            newRings(m);
        }
        long stepMs = m.lastTs > 0 ? minute.ts - m.lastTs : 0;
        // Smoothing: a minute's mean over two sensors is already an average of many readings.
        m.speed = smooth(m.speed, minute.speed);
        m.flow = smooth(m.flow, minute.flow);
        m.occupancy = smooth(m.occupancy, minute.occupancy);
        if (!Double.isNaN(m.flow)) {
            m.learnedCapacity = Math.max(m.learnedCapacity, m.flow);
        }
        learnFreeFlow(m);
        double vf = Double.isNaN(facts.freeFlowKmh()) ? m.learnedFreeFlow : facts.freeFlowKmh();
        vf = Math.max(vf, 1e-6);
        double c = clamp(1 - m.speed / vf);

        double level = updateLevel(m, minute.ts, minute.speed);

        long minuteNo = Math.floorDiv(minute.ts, 60_000L);
        int ring = m.slotTs.length;
        int slot = (int) Math.floorMod(minuteNo, ring);

        learn(m, minute.ts, minute.speed);

        double[] x = features(m, minute.ts, level, vf);
        m.slotTs[slot] = minute.ts;
        m.rawSpeed[slot] = minute.speed;
        m.rawFlow[slot] = minute.flow;
        m.rawOccupancy[slot] = minute.occupancy;
        m.levelAt[slot] = level;
        m.scaleAt[slot] = vf;
        System.arraycopy(x, 0, m.featuresAt, slot * FEATURES, FEATURES);
        profile.update(m, minute.ts, minute.speed, stepMs);

        double[] parts = new double[FEATURES];
        double change = 0;
        for (int i = 0; i < FEATURES; i++) {
            parts[i] = Double.isNaN(x[i]) ? 0 : m.weights[i] * x[i] * vf;
            change += parts[i];
        }
        double predictedSpeed = Double.isNaN(level) ? m.speed : Math.max(0, level + change);
        double predicted = clamp(1 - predictedSpeed / vf);

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
        f.baseline = round(SeedScore.of(m, minute.ts, vf, facts.capacityVph()));
        f.speed = round(m.speed);
        f.flow = m.flow;
        f.occupancy = m.occupancy;
        f.freeFlowKmh = vf;
        f.trendPerMin = round(-m.trendPerMin / vf);
        f.travelMin = travelMinutes(facts.lengthM(), m.speed);
        f.predictedSpeed = round(predictedSpeed);
        f.predictedTravelMin = travelMinutes(facts.lengthM(), predictedSpeed);
        f.explanation = explain(m, level, parts, predictedSpeed);
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
     * The free-flow speed without a graph: a {@value #FREE_FLOW_QUANTILE} quantile of the smoothed
     * speed, moved up or down by a share of the speed's spread around it at each reading.
     */
    static void learnFreeFlow(RoadModel m) {
        double v = m.speed;
        if (Double.isNaN(v)) {
            return;
        }
        if (!(m.learnedFreeFlow > 0)) {
            m.learnedFreeFlow = v;
            m.freeFlowSpread = Math.max(1e-3, 0.1 * Math.abs(v));
            return;
        }
        double spread = m.freeFlowSpread > 0 ? m.freeFlowSpread : 0.1 * Math.abs(v);
        m.freeFlowSpread = spread + LEVEL_ERROR_RATE * (Math.abs(v - m.learnedFreeFlow) - spread);
        double step = FREE_FLOW_STEP * m.freeFlowSpread;
        m.learnedFreeFlow +=
                v > m.learnedFreeFlow
                        ? step * FREE_FLOW_QUANTILE
                        : -step * (1 - FREE_FLOW_QUANTILE);
    }

    /**
     * Folds a reading into the level bank and returns the level: the bank member whose one-step
     * forecasts have been best lately ({@link #DEFAULT_LEVEL} while warming up); also updates the
     * level's trend per minute.
     */
    static double updateLevel(RoadModel m, long ts, double speed) {
        if (Double.isNaN(speed)) {
            return m.level;
        }
        if (Double.isNaN(m.levels[0])) {
            Arrays.fill(m.levels, speed);
        } else {
            for (int i = 0; i < LEVEL_WEIGHTS.length; i++) {
                double e = speed - m.levels[i];
                m.levelErrors[i] += LEVEL_ERROR_RATE * (e * e - m.levelErrors[i]);
                m.levels[i] += LEVEL_WEIGHTS[i] * e;
            }
        }
        int best = DEFAULT_LEVEL;
        if (m.minutes >= LEVEL_WARMUP) {
            for (int i = 0; i < LEVEL_WEIGHTS.length; i++) {
                if (m.levelErrors[i] < m.levelErrors[best]) {
                    best = i;
                }
            }
        }
        m.levelChoice = best;
        double level = m.levels[best];
        if (m.levelTs > 0 && ts - m.levelTs <= TREND_GAP_MS && !Double.isNaN(m.level)) {
            double minutes = (ts - m.levelTs) / 60_000.0;
            double perMin = (level - m.level) / minutes;
            // Over the last few readings, and never less than TREND_MINUTES.
            double rate = 1 - Math.exp(-minutes / Math.max(TREND_MINUTES, TREND_STEPS * minutes));
            m.trendPerMin += rate * (perMin - m.trendPerMin);
        } else {
            m.trendPerMin = 0;
        }
        m.level = level;
        m.levelTs = ts;
        return level;
    }

    /**
     * The features at {@code ts}, divided by the free-flow speed: the profile's change to the
     * horizon, the distance from the profile's speed now to the level (NaN both while the profile
     * has not seen these quarter-hours on an earlier day), the trend over the horizon.
     */
    double[] features(RoadModel m, long ts, double level, double vf) {
        double now = profile.speed(m, ts);
        double later = profile.speed(m, ts + horizonMin * 60_000L);
        boolean profile = !Double.isNaN(now) && !Double.isNaN(later) && !Double.isNaN(level);
        return new double[] {
            profile ? (later - now) / vf : Double.NaN,
            profile ? (now - level) / vf : Double.NaN,
            m.trendPerMin * horizonMin / vf
        };
    }

    /**
     * The outcome of the forecast made {@code horizon} minutes ago is now known: the errors of the
     * model, and one step of recursive least squares on (features then, change from the level then,
     * both per free-flow speed).
     */
    private void learn(RoadModel m, long ts, double speed) {
        long then = ts - horizonMin * 60_000L;
        int ring = m.slotTs.length;
        int slot = (int) Math.floorMod(Math.floorDiv(then, 60_000L), ring);
        if (m.slotTs[slot] != then || Double.isNaN(speed) || Double.isNaN(m.levelAt[slot])) {
            return;
        }
        double vf = m.scaleAt[slot];
        double[] x = Arrays.copyOfRange(m.featuresAt, slot * FEATURES, (slot + 1) * FEATURES);
        double guess = 0;
        for (int i = 0; i < FEATURES; i++) {
            if (Double.isNaN(x[i])) {
                x[i] = 0;
            }
            guess += m.weights[i] * x[i];
        }
        double y = (speed - m.levelAt[slot]) / vf;
        double forecast = Math.max(0, m.levelAt[slot] + guess * vf);
        double modelError = (forecast - speed) / vf;
        m.modelError2 = ewma(m.modelError2, modelError * modelError);

        double e = y - guess;
        // Huber-style: an incident's sudden change is not a lesson about this road's trends.
        if (!Double.isNaN(m.residual2)) {
            double limit = HUBER_SIGMAS * Math.sqrt(m.residual2);
            m.residual2 += LEVEL_ERROR_RATE * (e * e - m.residual2);
            e = Math.max(-limit, Math.min(limit, e));
        } else {
            m.residual2 = e * e;
        }
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

    /**
     * {@code e^(-RMSE / 0.1)} of the model's recent T+horizon error (per free-flow speed) on this
     * road, times a warm-up {@code n / (n + 10)} over the outcomes it has learnt from.
     */
    static double confidence(RoadModel m) {
        if (m.trained == 0 || Double.isNaN(m.modelError2)) {
            return 0;
        }
        double rmse = Math.sqrt(m.modelError2);
        return Math.exp(-rmse / 0.1) * m.trained / (m.trained + 10.0);
    }

    /** How the forecast speed was made, in km/h: the level and each feature's part. */
    private static String explain(RoadModel m, double level, double[] parts, double predicted) {
        if (Double.isNaN(level)) {
            return "no reading yet";
        }
        return String.format(
                Locale.ROOT,
                "level %.1f (weight %.2f) %+.1f profile %+.1f back to usual %+.1f trend = %.1f",
                level,
                LEVEL_WEIGHTS[m.levelChoice],
                parts[0],
                parts[1],
                parts[2],
                predicted);
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
