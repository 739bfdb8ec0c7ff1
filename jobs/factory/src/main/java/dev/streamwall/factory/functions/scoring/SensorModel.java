package dev.streamwall.factory.functions.scoring;

import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.ScoredReading;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The online statistics of one machine sensor (keyed state, a POJO so it evolves with savepoints).
 * Nothing in it assumes a unit, a sampling rate or a sensor kind:
 *
 * <ul>
 *   <li>the series' sampling step is learnt from its own gaps, and learning, memory, heartbeats and
 *       restarts are counted in readings or in steps; the evidence pooled before it speaks (the
 *       level window, the recent surprise, the runs that open and close an episode) is counted in
 *       readings too but never spans more than the patience, so a slow series is judged on its last
 *       reading, which must then be rarer on its own ({@link ScoringParameters#openScore});
 *   <li>the level is the median of the last readings (a spike does not move it), the baseline an
 *       exponentially weighted mean of the level that learns slower while the level is suspicious;
 *       the spread is the series' own noise around its level, floored by its resolution (the
 *       smallest change it has shown) and, for known kinds, by their tolerance;
 *   <li>the score of a reading is an anomaly likelihood: how unusual the recent level departures
 *       are against the series' own record of them (a series that always wanders is judged by how
 *       much it usually wanders), as a tail probability on a 0..1 scale ({@link
 *       ScoringParameters#logScore}), comparable across series; departures that keep coming back
 *       (level episodes closed within the record's memory) are learnt into the record faster, so a
 *       series' recurring behaviour stops being news;
 *   <li>a run of identical readings is STUCK only when longer than any flat run the series has
 *       shown in normal operation (counts that sit at zero are not stuck); a series that moves
 *       again after a flat run longer than the baseline's memory is learnt anew, once the departure
 *       has had its chance to be reported.
 * </ul>
 *
 * {@link #observe} scores one reading and reports episodes as they open, continue and close (their
 * rules are {@link SensorEpisodes}').
 */
public class SensorModel {

    public long n;
    public long firstTs;
    public long lastTs;
    public double mean;
    public double var;
    public double[] ring;
    public int ringCount;
    public int ringPos;
    public double lastValue;
    public long sameCount;
    public long sameSinceTs;
    public Anomaly pendingSpike;
    public int pendingSpikeAge;

    public int candDir;
    public int candCount;
    public long candStartTs;

    public boolean levelOpen;
    public int levelDir;
    public long levelStartTs;
    public long levelHeartbeatTs;
    public double levelPeakZ;
    public long levelReadings;
    public int quietCount;

    public boolean stuckOpen;
    public long stuckStartTs;
    public long stuckHeartbeatTs;
    public long stuckReadings;

    /** The cleanup timer currently registered, or 0. */
    public long cleanupTimer;

    /** The series' typical sampling step, ms (0 until two readings were seen). */
    public double step;

    /** The smallest non-zero change between successive readings seen (0: none yet). */
    public double resolution;

    /** True once the sensor is learnt (readings are scored and reported from then on). */
    public boolean learnt;

    /** A slower mean of the level while learning: the level has settled when both agree. */
    public double settleMean;

    /** The series' record of its own surprise |level z|: mean and variance, and a recent mean. */
    public double surpriseMean;

    public double surpriseVar;
    public double recentSurprise;

    /** How far the level usually wanders from the baseline (variance). */
    public double levelVar;

    /** The series' record of single readings' surprise |reading - level| / noise. */
    public double pointMean;

    public double pointVar;

    /**
     * Level episodes closed recently: a count that fades with the memory of the record of surprise.
     * A departure that keeps coming back is how the series behaves, and the record learns the next
     * ones faster (a first long one, still open, is not learnt any faster).
     */
    public double recurrence;

    /** The longest run of identical readings seen in normal operation. */
    public long flatRunMax;

    /**
     * The daily profile: per hour of the day (UTC), how far the level usually sits from the
     * baseline; null until the series samples at least hourly.
     */
    public double[] daily;

    /** The level's variance around the baseline, without and with the daily profile. */
    public double plainVar;

    public double seasonalVar;

    /** When the profile began to be learnt, and whether it is used (it explains the level). */
    public long dailySinceTs;

    public boolean seasonal;

    /** True when the baseline and noise carried over from state of an earlier version. */
    public boolean baselineLearnt;

    /**
     * Readings left before the sensor is learnt anew after a long flat run (0: none): the departure
     * from the flat value is reported first.
     */
    public int relearnIn;

    /** {@link #n} when learning last (re)started. */
    public long learningFrom;

    /** The version of these statistics; 0 in state written before there were versions. */
    public int version;

    /** Version 1: the anomaly likelihood, learning in readings, the series' step. */
    static final int VERSION = 1;

    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    public SensorModel() {}

    /** Scores one reading (readings must come in event-time order) and updates the statistics. */
    public ScoredReading observe(
            String machine,
            String sensor,
            long ts,
            double x,
            ScoringParameters p,
            Consumer<Anomaly> out) {
        if (n > 0 && version < VERSION) {
            migrate();
        }
        if (n > 0 && step > 0 && ts - lastTs > restartGapMs(p)) {
            closeAll(machine, sensor, lastTs, p, out);
            long timer = cleanupTimer;
            reset();
            cleanupTimer = timer;
        }
        sizeRing(p.levelWindow(step));
        ring[ringPos] = x;
        ringPos = (ringPos + 1) % ring.length;
        ringCount = Math.min(ringCount + 1, ring.length);
        double level = median();

        if (n == 0) {
            version = VERSION;
            learningFrom = 0;
            mean = level;
            settleMean = level;
            var = 0;
            firstTs = ts;
            learnt = false;
        } else {
            long dt = ts - lastTs;
            if (dt > 0) {
                step =
                        step <= 0
                                ? dt
                                : step + 0.05 * (Math.max(step / 4, Math.min(4 * step, dt)) - step);
            }
            double change = Math.abs(x - lastValue);
            if (change > 0 && (resolution <= 0 || change < resolution)) {
                resolution = change;
            }
        }
        boolean learning = !learnt;
        // The sensor's floor, once per reading (its kind's tolerance is looked up by name).
        double floor = floor(sensor);
        double std = spread(floor);
        // Where in the day the reading falls, between the centres of two hourly slots.
        double u = Math.floorMod(ts, DAY) / (double) HOUR - 0.5;
        int slot = (int) Math.floorMod((long) Math.floor(u), 24L);
        double f = u - Math.floor(u);
        double offset = seasonal && daily != null ? profile(slot, f) : 0;
        double expected = mean + offset;
        double z = (x - expected) / std;
        double levelZ = (level - expected) / std;

        // The anomaly likelihood: the recent |level z| against the series' record of it.
        double surprise = Math.min(Math.abs(levelZ), 50);
        recentSurprise =
                n == 0
                        ? surprise
                        : recentSurprise + p.recentWeight(step) * (surprise - recentSurprise);
        double surpriseStd = Math.sqrt(Math.max(surpriseVar, 0.0625));
        double likelihoodZ = (recentSurprise - surpriseMean) / surpriseStd;
        double score = learning ? 0 : ScoringParameters.logScore(likelihoodZ);

        ScoredReading r = new ScoredReading();
        r.machine = machine;
        r.sensor = sensor;
        r.ts = ts;
        r.value = x;
        r.baseline = expected;
        r.std = std;
        r.z = z;
        r.levelZ = levelZ;
        r.learning = learning;

        // The baseline and the noise learn per reading, not per unit of time.
        long k = n - learningFrom; // readings learnt since (re)start
        boolean slow = !learning || baselineLearnt;
        double a = 1.0 / (slow ? p.baselineSamples(step) : Math.min(k + 1, p.learningTauSamples()));
        boolean suspicious = slow && (Math.abs(levelZ) > p.gateZ() || levelOpen);
        if (suspicious) {
            a /= p.gateSlowdown();
        }
        // Until the profile is in use, episodes are judged without it (the daily trough of a
        // busy series looks LOW): they cannot be what stops it learning.
        daily(ts, slot, f, level, seasonal && levelOpen);
        mean += a * (level - offset - mean);
        // The spread learnt is the sensor's own noise around its level: learning the level's
        // departures instead would let a slow fault widen the spread until it no longer looked
        // anomalous. Spikes are clipped so that they do not teach it either.
        double noise = Math.max(-p.gateZ() * std, Math.min(p.gateZ() * std, x - level));
        var = (1 - a) * var + a * noise * noise;
        // With a level of one reading (a slow series) the wander is all of the noise: clipped at
        // the gate it would be learnt a fifth too small (Gaussian noise settles at 0.81 of its
        // standard deviation), so it is clipped only beyond the least anomalous level.
        double clip = ring.length == 1 ? Math.max(p.gateZ(), p.anomalyZ()) : p.gateZ();
        double wander = Math.max(-clip * std, Math.min(clip * std, level - offset - mean));
        // How far the level wanders is learnt while learning, then only slowly: else a slow
        // fault would teach it and hide itself.
        double w = learning ? a : a / 10;
        levelVar = (1 - w) * levelVar + w * wander * wander;
        if (learning) {
            settleMean +=
                    1.0 / Math.min(k + 1, p.learningSamples()) * (level - offset - settleMean);
        }

        // The record of surprise: fast while learning, slow (and slower still while suspicious).
        double h = learning ? 1.0 / (k + 1) : 1.0 / p.historySamples(step);
        // A level of one reading: its surprise is the reading's own, whose normal tail must be
        // learnt too (slowing every reading beyond the gate would leave the record a third too
        // narrow); only readings that are anomalous themselves are learnt slower.
        boolean slowSurprise =
                ring.length == 1
                        ? levelOpen || score >= p.likelihood()
                        : suspicious || likelihoodZ > 2;
        // A departure is learnt slower the rarer departures are: as fast as any other reading
        // once they keep coming back.
        double recurring = Math.max(1, recurrence);
        if (slowSurprise) {
            h /= Math.max(1, p.gateSlowdown() / recurring);
        }
        if (!learning) {
            recurrence *= 1 - 1.0 / p.historySamples(step);
        }
        double clipped = Math.min(surprise, surpriseMean + 6 * surpriseStd * recurring);
        double d = clipped - surpriseMean;
        surpriseMean += h * d;
        surpriseVar = (1 - h) * (surpriseVar + h * d * d);
        double pointStd = Math.sqrt(Math.max(pointVar, 0.0625));
        double point = Math.min(Math.abs(x - level) / noise(floor), 50);
        double pointZ = (point - pointMean) / pointStd;
        double dp = Math.min(point, pointMean + 6 * pointStd) - pointMean;
        double hp = learning ? 1.0 / (k + 1) : 1.0 / p.historySamples(step);
        pointMean += hp * dp;
        pointVar = (1 - hp) * (pointVar + hp * dp * dp);

        if (n > 0 && x == lastValue) {
            sameCount++;
        } else {
            if (!stuckOpen && n > 0) {
                flatRunMax = Math.max(flatRunMax, sameCount);
            }
            sameCount = 1;
            sameSinceTs = ts;
        }
        lastValue = x;
        lastTs = ts;
        n++;
        if (learning
                && k + 1 >= p.learningSamples()
                && (Math.abs(mean - settleMean) < 0.1 * std
                        || k + 1 >= 10L * p.learningSamples())) {
            learnt = true;
        }

        boolean stuck = sameCount >= Math.max(p.stuckRun(), 2 * flatRunMax + 1);
        r.score = stuck ? 1.0 : score;
        if (!learning) {
            boolean wasStuck = stuckOpen;
            boolean wasOpen = levelOpen;
            new SensorEpisodes(this, machine, sensor, p, out).observe(r, stuck, pointZ);
            if (wasStuck && !stuckOpen && stuckReadings >= p.baselineSamples(step)) {
                // A flat run longer than the baseline's memory has taught the statistics one
                // value and no noise: once the departure from it has had its chance to be
                // reported, the live signal is learnt anew, as after a stop.
                relearnIn = p.minRun(step) + ring.length;
            }
            if (relearnIn > 0 && (--relearnIn == 0 || levelOpen && !wasOpen)) {
                closeAll(machine, sensor, ts, p, out);
                long timer = cleanupTimer;
                reset();
                cleanupTimer = timer;
            }
        }
        return r;
    }

    /**
     * State of the first version (a baseline and a noise, no record of surprise, learning by the
     * clock) goes on from its baseline and noise and learns what it lacks: its record of surprise,
     * how far its level wanders and its flat runs, for {@link ScoringParameters#learningSamples}
     * readings from the upgrade (nothing is reported meanwhile, as after a restart); its baseline
     * goes on learning at its usual slow rate, so a fault in progress is not learnt into it.
     */
    private void migrate() {
        // Its fields of this version were restored at their defaults: none, nothing learnt.
        version = VERSION;
        relearnRecords();
    }

    /**
     * Learns the records of surprise again, for {@link ScoringParameters#learningSamples} readings
     * (nothing is reported meanwhile); the baseline keeps learning at its slow rate.
     */
    private void relearnRecords() {
        if (learnt || n > 0) {
            learnt = false;
            baselineLearnt = true;
            learningFrom = n;
            settleMean = mean;
        }
        clearRecords();
    }

    private void clearRecords() {
        surpriseMean = 0;
        surpriseVar = 0;
        recentSurprise = 0;
        pointMean = 0;
        pointVar = 0;
        recurrence = 0;
    }

    /** The spread a reading is scored with: the learnt noise, floored by resolution and kind. */
    private double spread(double floor) {
        return Math.sqrt(var + levelVar + floor * floor);
    }

    /** The spread of single readings around their level. */
    private double noise(double floor) {
        return Math.sqrt(var + floor * floor);
    }

    private double floor(String sensor) {
        return Math.max(
                ScoringParameters.tolerance(sensor),
                Math.max(resolution / 2, 1e-9 * Math.max(1, Math.abs(mean))));
    }

    /**
     * Learns the daily profile (hourly slots, read and taught between the two nearest centres; each
     * remembers about three days) and decides whether it is used: after two days, when it takes
     * away half of how far the level wanders (and until it no longer takes away 30 %). A series
     * that samples slower than hourly has none.
     */
    private void daily(long ts, int slot, double f, double level, boolean anomalous) {
        if (step <= 0 || step > HOUR) {
            return;
        }
        if (daily == null) {
            daily = new double[24];
            dailySinceTs = ts;
        }
        double perSlot = HOUR / step;
        // A day's average at first, then about three days' memory.
        long days = (ts - dailySinceTs) / DAY;
        double rate = 1.0 / (Math.min(days + 1, 3) * perSlot);
        double varRate = 1.0 / (48 * perSlot);
        if (anomalous) {
            rate /= 20;
            varRate /= 20;
        }
        double dev = level - mean;
        double resid = dev - profile(slot, f);
        plainVar += varRate * (dev * dev - plainVar);
        seasonalVar += varRate * (resid * resid - seasonalVar);
        daily[slot] += rate * (1 - f) * resid;
        daily[(slot + 1) % 24] += rate * f * resid;
        boolean old = ts - dailySinceTs >= 2 * DAY;
        if (!seasonal && old && seasonalVar < 0.5 * plainVar
                || seasonal && seasonalVar > 0.7 * plainVar) {
            // The record of surprise carries over and adapts within its memory (a week at most):
            // learning it again would mute the series for its learning readings (five days of an
            // hourly one), and measured on real monitoring series the muted days cost more
            // anomalies than the changed scale costs false ones.
            seasonal = !seasonal;
        }
        if (seasonal) {
            // What the level's wandering was learnt from included the cycle the profile explains.
            levelVar = Math.min(levelVar, seasonalVar);
        }
    }

    /** The daily profile between the centres of hour {@code slot} and the next (fraction f). */
    private double profile(int slot, double f) {
        return (1 - f) * daily[slot] + f * daily[(slot + 1) % 24];
    }

    /** A silence after which the sensor is learnt anew: the restart gap, or 100 of its steps. */
    public long restartGapMs(ScoringParameters p) {
        return Math.max(p.restartGap().toMillis(), (long) (ScoringParameters.RESTART_STEPS * step));
    }

    /**
     * A silence after which the sensor's state is dropped: the idle retention, or 300 of its steps;
     * while its step is still unknown (one reading seen), {@link #UNKNOWN_STEP_RETENTION} at least,
     * so that an hourly series is not forgotten before its second reading can tell its step.
     */
    public long retentionMs(ScoringParameters p) {
        long least =
                step > 0
                        ? p.idleRetention().toMillis()
                        : Math.max(p.idleRetention().toMillis(), UNKNOWN_STEP_RETENTION.toMillis());
        return Math.max(least, (long) (ScoringParameters.RETENTION_STEPS * step));
    }

    /** How long a sensor whose step is unknown (one reading seen) is kept at least. */
    public static final Duration UNKNOWN_STEP_RETENTION = Duration.ofDays(7);

    /** Ends every open episode at {@code ts} (the sensor went silent). */
    public void closeAll(
            String machine, String sensor, long ts, ScoringParameters p, Consumer<Anomaly> out) {
        ScoredReading last = new ScoredReading();
        last.ts = ts;
        last.value = lastValue;
        last.baseline = mean;
        last.std = spread(floor(sensor));
        last.z = (lastValue - mean) / last.std;
        last.levelZ = last.z;
        last.score = 0;
        new SensorEpisodes(this, machine, sensor, p, out).closeAll(last);
    }

    /**
     * Makes the level window {@code len} readings long, keeping the newest readings it holds (the
     * window shrinks when the series turns out to sample slowly).
     */
    private void sizeRing(int len) {
        if (ring != null && ring.length == len) {
            return;
        }
        double[] next = new double[len];
        int keep = ring == null ? 0 : Math.min(ringCount, len);
        for (int i = 0; i < keep; i++) {
            next[keep - 1 - i] = ring[Math.floorMod(ringPos - 1 - i, ring.length)];
        }
        ring = next;
        ringCount = keep;
        ringPos = keep % len;
    }

    private double median() {
        double[] v = Arrays.copyOf(ring, ringCount);
        Arrays.sort(v);
        int m = ringCount / 2;
        return ringCount % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private void reset() {
        n = 0;
        var = 0;
        learnt = false;
        baselineLearnt = false;
        clearRecords();
        levelVar = 0;
        daily = null;
        plainVar = 0;
        seasonalVar = 0;
        seasonal = false;
        ring = null;
        ringCount = 0;
        ringPos = 0;
        sameCount = 0;
        candDir = 0;
        candCount = 0;
        levelOpen = false;
        stuckOpen = false;
        pendingSpike = null;
        relearnIn = 0;
    }
}
