package dev.streamwall.factory.functions.scoring;

import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.ScoredReading;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The online statistics of one machine sensor (keyed state, a POJO so it evolves with savepoints):
 * an exponentially weighted mean and variance of the sensor's level (running median, so spikes do
 * not teach it), learning slower while the level is suspicious, plus the open anomaly episodes.
 * {@link #observe} scores one reading and reports episodes as they open, continue and close.
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

    public SensorModel() {}

    /** Scores one reading (readings must come in event-time order) and updates the statistics. */
    public ScoredReading observe(
            String machine,
            String sensor,
            long ts,
            double x,
            ScoringParameters p,
            Consumer<Anomaly> out) {
        if (n > 0 && ts - lastTs > p.restartGap().toMillis()) {
            closeAll(machine, sensor, lastTs, p, out);
            long timer = cleanupTimer;
            reset();
            cleanupTimer = timer;
        }
        if (ring == null || ring.length != p.levelWindow()) {
            ring = new double[p.levelWindow()];
            ringCount = 0;
            ringPos = 0;
        }
        ring[ringPos] = x;
        ringPos = (ringPos + 1) % ring.length;
        ringCount = Math.min(ringCount + 1, ring.length);
        double level = median();

        long dt;
        if (n == 0) {
            mean = level;
            var = 0;
            firstTs = ts;
            dt = 1000;
        } else {
            dt = Math.max(1, ts - lastTs);
        }
        boolean learning = ts - firstTs < p.learning().toMillis();
        double std = Math.sqrt(var + sq(ScoringParameters.tolerance(sensor, mean)));
        double z = (x - mean) / std;
        double levelZ = (level - mean) / std;

        ScoredReading r = new ScoredReading();
        r.machine = machine;
        r.sensor = sensor;
        r.ts = ts;
        r.value = x;
        r.baseline = mean;
        r.std = std;
        r.z = z;
        r.levelZ = levelZ;
        r.learning = learning;

        double tau = (learning ? p.learningTau() : p.baselineTau()).toMillis();
        double a = 1 - Math.exp(-dt / tau);
        if (!learning && Math.abs(levelZ) > p.gateZ()) {
            a /= p.gateSlowdown();
        }
        mean += a * (level - mean);
        // The spread learnt is the sensor's own noise around its level, on top of its tolerance:
        // learning the level's departures instead would let a slow fault widen the spread until it
        // no longer looked anomalous. Spikes are clipped so that they do not teach it either.
        double noise = Math.max(-p.gateZ() * std, Math.min(p.gateZ() * std, x - level));
        double b = 1 - Math.exp(-dt / tau);
        var = (1 - b) * var + b * noise * noise;

        if (n > 0 && x == lastValue) {
            sameCount++;
        } else {
            sameCount = 1;
            sameSinceTs = ts;
        }
        lastValue = x;
        lastTs = ts;
        n++;

        boolean stuck = sameCount >= p.stuckRun();
        r.score = stuck ? 1.0 : ScoringParameters.score(levelZ);
        if (!learning) {
            level(machine, sensor, r, p, out);
            stuck(machine, sensor, r, stuck, p, out);
            spike(machine, sensor, r, p, out);
        }
        return r;
    }

    private void level(
            String machine,
            String sensor,
            ScoredReading r,
            ScoringParameters p,
            Consumer<Anomaly> out) {
        double lz = r.levelZ;
        int dir = lz >= p.anomalyZ() ? 1 : lz <= -p.anomalyZ() ? -1 : 0;
        if (!levelOpen) {
            if (dir == 0) {
                candDir = 0;
                candCount = 0;
                return;
            }
            if (dir == candDir) {
                candCount++;
            } else {
                candDir = dir;
                candCount = 1;
                candStartTs = r.ts;
            }
            if (candCount >= p.minRun()) {
                levelOpen = true;
                levelDir = candDir;
                levelStartTs = candStartTs;
                levelHeartbeatTs = r.ts;
                levelPeakZ = lz;
                levelReadings = candCount;
                quietCount = 0;
                out.accept(
                        anomaly(
                                machine,
                                sensor,
                                kind(),
                                Anomaly.Phase.START,
                                levelStartTs,
                                r,
                                levelPeakZ,
                                levelReadings));
            }
            return;
        }
        levelReadings++;
        if (levelDir * lz > levelDir * levelPeakZ) {
            levelPeakZ = lz;
        }
        boolean still = levelDir * lz >= p.anomalyZ() - 0.5;
        quietCount = still ? 0 : quietCount + 1;
        if (quietCount >= p.endRun()) {
            out.accept(
                    anomaly(
                            machine,
                            sensor,
                            kind(),
                            Anomaly.Phase.END,
                            levelStartTs,
                            r,
                            levelPeakZ,
                            levelReadings));
            levelOpen = false;
            candDir = 0;
            candCount = 0;
        } else if (r.ts - levelHeartbeatTs >= p.heartbeat().toMillis()) {
            levelHeartbeatTs = r.ts;
            out.accept(
                    anomaly(
                            machine,
                            sensor,
                            kind(),
                            Anomaly.Phase.ONGOING,
                            levelStartTs,
                            r,
                            levelPeakZ,
                            levelReadings));
        }
    }

    private void stuck(
            String machine,
            String sensor,
            ScoredReading r,
            boolean stuck,
            ScoringParameters p,
            Consumer<Anomaly> out) {
        if (stuck) {
            stuckReadings = sameCount;
        }
        if (stuck && !stuckOpen) {
            stuckOpen = true;
            stuckStartTs = sameSinceTs;
            stuckHeartbeatTs = r.ts;
            out.accept(
                    anomaly(
                            machine,
                            sensor,
                            Anomaly.STUCK,
                            Anomaly.Phase.START,
                            stuckStartTs,
                            r,
                            r.levelZ,
                            sameCount));
        } else if (stuck && r.ts - stuckHeartbeatTs >= p.heartbeat().toMillis()) {
            stuckHeartbeatTs = r.ts;
            out.accept(
                    anomaly(
                            machine,
                            sensor,
                            Anomaly.STUCK,
                            Anomaly.Phase.ONGOING,
                            stuckStartTs,
                            r,
                            r.levelZ,
                            sameCount));
        } else if (!stuck && stuckOpen) {
            stuckOpen = false;
            out.accept(
                    anomaly(
                            machine,
                            sensor,
                            Anomaly.STUCK,
                            Anomaly.Phase.END,
                            stuckStartTs,
                            r,
                            r.levelZ,
                            stuckReadings));
        }
    }

    /**
     * A reading far off while the level is normal is a spike candidate; it is reported once it has
     * left the level window without the level following it (a step would open a level episode).
     */
    private void spike(
            String machine,
            String sensor,
            ScoredReading r,
            ScoringParameters p,
            Consumer<Anomaly> out) {
        if (pendingSpike != null) {
            if (levelOpen || candCount > 0) {
                pendingSpike = null;
            } else if (++pendingSpikeAge >= p.levelWindow()) {
                out.accept(pendingSpike);
                pendingSpike = null;
            }
        }
        if (levelOpen || Math.abs(r.z) < p.spikeZ() || Math.abs(r.levelZ) >= p.anomalyZ()) {
            return;
        }
        if (pendingSpike != null) {
            return; // a spike of two readings is one spike
        }
        pendingSpike = anomaly(machine, sensor, Anomaly.SPIKE, Anomaly.Phase.END, r.ts, r, r.z, 1);
        pendingSpikeAge = 0;
    }

    /** Ends every open episode at {@code ts} (the sensor went silent). */
    public void closeAll(
            String machine, String sensor, long ts, ScoringParameters p, Consumer<Anomaly> out) {
        ScoredReading last = new ScoredReading();
        last.ts = ts;
        last.value = lastValue;
        last.baseline = mean;
        last.std = Math.sqrt(var + sq(ScoringParameters.tolerance(sensor, mean)));
        last.z = (lastValue - mean) / last.std;
        last.levelZ = last.z;
        last.score = ScoringParameters.score(last.z);
        if (levelOpen) {
            out.accept(
                    anomaly(
                            machine,
                            sensor,
                            kind(),
                            Anomaly.Phase.END,
                            levelStartTs,
                            last,
                            levelPeakZ,
                            levelReadings));
            levelOpen = false;
        }
        if (stuckOpen) {
            out.accept(
                    anomaly(
                            machine,
                            sensor,
                            Anomaly.STUCK,
                            Anomaly.Phase.END,
                            stuckStartTs,
                            last,
                            last.z,
                            stuckReadings));
            stuckOpen = false;
        }
    }

    private String kind() {
        return levelOpen
                ? (levelDir > 0 ? Anomaly.HIGH : Anomaly.LOW)
                : (candDir > 0 ? Anomaly.HIGH : Anomaly.LOW);
    }

    private static Anomaly anomaly(
            String machine,
            String sensor,
            String kind,
            Anomaly.Phase phase,
            long startTs,
            ScoredReading r,
            double peakZ,
            long readings) {
        Anomaly a = new Anomaly();
        a.anomalyId = Anomaly.idOf(machine, sensor, kind, startTs);
        a.machine = machine;
        a.sensor = sensor;
        a.kind = kind;
        a.phase = phase;
        a.startTs = startTs;
        a.ts = r.ts;
        a.value = r.value;
        a.baseline = r.baseline;
        a.std = r.std;
        a.z = Anomaly.SPIKE.equals(kind) ? r.z : r.levelZ;
        a.peakZ = peakZ;
        a.score = Anomaly.SPIKE.equals(kind) ? ScoringParameters.score(r.z) : r.score;
        a.readings = readings;
        return a;
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
        ring = null;
        ringCount = 0;
        ringPos = 0;
        sameCount = 0;
        candDir = 0;
        candCount = 0;
        levelOpen = false;
        stuckOpen = false;
        pendingSpike = null;
    }

    private static double sq(double v) {
        return v * v;
    }
}
