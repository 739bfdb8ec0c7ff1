package dev.streamwall.factory.functions.scoring;

import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.ScoredReading;
import java.util.function.Consumer;

/**
 * The episodes of one sensor, decided from its scored readings; their state is the {@link
 * SensorModel}'s (keyed state), this class holds the rules:
 *
 * <ul>
 *   <li>a level episode (HIGH or LOW) opens after {@link ScoringParameters#minRun} likely anomalous
 *       readings on one side of the baseline and ends after {@link ScoringParameters#endRun} quiet
 *       ones;
 *   <li>STUCK lasts while a run of identical readings is longer than any the series has shown in
 *       normal operation; no level episode opens meanwhile;
 *   <li>a SPIKE is a reading far off while the level is normal, reported once it has left the level
 *       window without the level following it (a step opens a level episode instead).
 * </ul>
 *
 * An open episode reports ONGOING on its heartbeat; every report carries a deterministic id.
 */
final class SensorEpisodes {

    private final SensorModel m;
    private final String machine;
    private final String sensor;
    private final ScoringParameters p;
    private final Consumer<Anomaly> out;

    SensorEpisodes(
            SensorModel m,
            String machine,
            String sensor,
            ScoringParameters p,
            Consumer<Anomaly> out) {
        this.m = m;
        this.machine = machine;
        this.sensor = sensor;
        this.p = p;
        this.out = out;
    }

    /** Applies one scored reading (not while learning) to the three kinds of episode. */
    void observe(ScoredReading r, boolean stuck, double pointZ) {
        stuck(r, stuck);
        level(r);
        spike(r, pointZ);
    }

    private void level(ScoredReading r) {
        double lz = r.levelZ;
        boolean likely = r.score >= p.openScore(m.step);
        int dir = !likely ? 0 : lz >= p.anomalyZ() ? 1 : lz <= -p.anomalyZ() ? -1 : 0;
        if (!m.levelOpen) {
            // A stuck sensor's level says nothing of the process (against a daily profile a flat
            // value swings from LOW to HIGH): while it is stuck only the STUCK episode speaks.
            if (dir == 0 || m.stuckOpen) {
                m.candDir = 0;
                m.candCount = 0;
                return;
            }
            if (dir == m.candDir) {
                m.candCount++;
            } else {
                m.candDir = dir;
                m.candCount = 1;
                m.candStartTs = r.ts;
            }
            if (m.candCount >= p.minRun(m.step)) {
                m.levelOpen = true;
                m.levelDir = m.candDir;
                m.levelStartTs = m.candStartTs;
                m.levelHeartbeatTs = r.ts;
                m.levelPeakZ = lz;
                m.levelReadings = m.candCount;
                m.quietCount = 0;
                out.accept(levelReport(Anomaly.Phase.START, r));
            }
            return;
        }
        m.levelReadings++;
        if (m.levelDir * lz > m.levelDir * m.levelPeakZ) {
            m.levelPeakZ = lz;
        }
        boolean still = m.levelDir * lz >= p.anomalyZ() - 0.5 && r.score >= p.likelihood() / 2;
        m.quietCount = still ? 0 : m.quietCount + 1;
        if (m.quietCount >= p.endRun(m.step)) {
            out.accept(levelReport(Anomaly.Phase.END, r));
            m.levelOpen = false;
            // Counted when over: a first departure is not learnt faster while it lasts.
            m.recurrence++;
            m.candDir = 0;
            m.candCount = 0;
        } else if (r.ts - m.levelHeartbeatTs >= heartbeatMs()) {
            m.levelHeartbeatTs = r.ts;
            out.accept(levelReport(Anomaly.Phase.ONGOING, r));
        }
    }

    private void stuck(ScoredReading r, boolean stuck) {
        if (stuck) {
            m.stuckReadings = m.sameCount;
        }
        if (stuck && !m.stuckOpen) {
            m.stuckOpen = true;
            m.stuckStartTs = m.sameSinceTs;
            m.stuckHeartbeatTs = r.ts;
            out.accept(stuckReport(Anomaly.Phase.START, r, r.levelZ, m.sameCount));
        } else if (stuck && r.ts - m.stuckHeartbeatTs >= heartbeatMs()) {
            m.stuckHeartbeatTs = r.ts;
            out.accept(stuckReport(Anomaly.Phase.ONGOING, r, r.levelZ, m.sameCount));
        } else if (!stuck && m.stuckOpen) {
            m.stuckOpen = false;
            out.accept(stuckReport(Anomaly.Phase.END, r, r.levelZ, m.stuckReadings));
        }
    }

    private void spike(ScoredReading r, double pointZ) {
        if (m.pendingSpike != null) {
            if (m.levelOpen || m.candCount > 0) {
                m.pendingSpike = null;
            } else if (++m.pendingSpikeAge >= m.ring.length) {
                out.accept(m.pendingSpike);
                m.pendingSpike = null;
            }
        }
        if (m.levelOpen || Math.abs(r.z) < p.spikeZ() || Math.abs(r.levelZ) >= p.anomalyZ()) {
            return;
        }
        // As unlikely as an anomalous level, against the series' record of single readings.
        if (ScoringParameters.logScore(pointZ) < p.likelihood()) {
            return;
        }
        if (m.pendingSpike != null) {
            return; // a spike of two readings is one spike
        }
        m.pendingSpike = report(Anomaly.SPIKE, Anomaly.Phase.END, r.ts, r, r.z, 1);
        m.pendingSpike.score = ScoringParameters.logScore(pointZ);
        m.pendingSpikeAge = 0;
    }

    /** Ends every open episode with {@code last}, a reading made up from the last one seen. */
    void closeAll(ScoredReading last) {
        if (m.levelOpen) {
            out.accept(levelReport(Anomaly.Phase.END, last));
            m.levelOpen = false;
        }
        if (m.stuckOpen) {
            out.accept(stuckReport(Anomaly.Phase.END, last, last.z, m.stuckReadings));
            m.stuckOpen = false;
        }
    }

    private long heartbeatMs() {
        return Math.max(
                p.heartbeat().toMillis(), (long) (ScoringParameters.HEARTBEAT_STEPS * m.step));
    }

    private Anomaly levelReport(Anomaly.Phase phase, ScoredReading r) {
        String kind =
                m.levelOpen
                        ? (m.levelDir > 0 ? Anomaly.HIGH : Anomaly.LOW)
                        : (m.candDir > 0 ? Anomaly.HIGH : Anomaly.LOW);
        return report(kind, phase, m.levelStartTs, r, m.levelPeakZ, m.levelReadings);
    }

    private Anomaly stuckReport(Anomaly.Phase phase, ScoredReading r, double z, long readings) {
        return report(Anomaly.STUCK, phase, m.stuckStartTs, r, z, readings);
    }

    private Anomaly report(
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
        a.score = r.score;
        a.readings = readings;
        return a;
    }
}
