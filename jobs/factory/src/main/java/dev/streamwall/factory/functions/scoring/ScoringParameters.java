package dev.streamwall.factory.functions.scoring;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * How the per-sensor statistics learn and when a reading is anomalous; the defaults suit 1 Hz
 * machine sensors.
 *
 * @param baselineTau time constant of the exponentially weighted baseline (mean and variance)
 * @param learning how long a new (or restarted) sensor is only learnt, never reported
 * @param learningTau the baseline's faster time constant while learning (follows a warm-up)
 * @param gateZ beyond this |level z| the baseline learns {@code gateSlowdown} times slower, so a
 *     slow fault cannot drag the baseline along with it
 * @param gateSlowdown see {@code gateZ}
 * @param anomalyZ |level z| from which the level is anomalous
 * @param minRun consecutive anomalous readings before an episode opens (a spike never gets there)
 * @param endRun consecutive normal readings before it closes
 * @param spikeZ |z| of a single reading reported as a SPIKE when the level stays normal
 * @param stuckRun identical consecutive readings that make a sensor STUCK
 * @param levelWindow readings in the running median that defines the level (odd)
 * @param heartbeat how often an open episode reports that it is still there
 * @param restartGap a silence after which a sensor is learnt anew (the machine was stopped)
 * @param idleRetention a silence after which all state of the sensor is dropped
 */
public record ScoringParameters(
        Duration baselineTau,
        Duration learning,
        Duration learningTau,
        double gateZ,
        double gateSlowdown,
        double anomalyZ,
        int minRun,
        int endRun,
        double spikeZ,
        int stuckRun,
        int levelWindow,
        Duration heartbeat,
        Duration restartGap,
        Duration idleRetention)
        implements Serializable {

    public static ScoringParameters defaults() {
        return new ScoringParameters(
                Duration.ofMinutes(60),
                Duration.ofMinutes(15),
                Duration.ofMinutes(2),
                2.0,
                20,
                3.0,
                10,
                10,
                5.0,
                30,
                5,
                Duration.ofSeconds(60),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30));
    }

    public ScoringParameters withLearning(Duration d) {
        return new ScoringParameters(
                baselineTau,
                d,
                learningTau,
                gateZ,
                gateSlowdown,
                anomalyZ,
                minRun,
                endRun,
                spikeZ,
                stuckRun,
                levelWindow,
                heartbeat,
                restartGap,
                idleRetention);
    }

    public ScoringParameters withIdleRetention(Duration d) {
        return new ScoringParameters(
                baselineTau,
                learning,
                learningTau,
                gateZ,
                gateSlowdown,
                anomalyZ,
                minRun,
                endRun,
                spikeZ,
                stuckRun,
                levelWindow,
                heartbeat,
                restartGap,
                d);
    }

    public ScoringParameters withStuckRun(int n) {
        return new ScoringParameters(
                baselineTau,
                learning,
                learningTau,
                gateZ,
                gateSlowdown,
                anomalyZ,
                minRun,
                endRun,
                spikeZ,
                n,
                levelWindow,
                heartbeat,
                restartGap,
                idleRetention);
    }

    /**
     * The smallest standard deviation a sensor is scored with: its tolerance. Machines vary within
     * it with load and shifts, so only larger departures count; unknown sensors get 1 % of their
     * level.
     */
    public static double tolerance(String sensor, double level) {
        return switch (sensor.toLowerCase(Locale.ROOT)) {
            case "temp" -> 2.5;
            case "vibration" -> 0.25;
            case "pressure" -> 0.12;
            default -> Math.max(1e-3, 0.01 * Math.abs(level));
        };
    }

    /** Anomaly score 0..1 of a level z-score: a logistic curve through 0.5 at |z| = 3. */
    public static double score(double levelZ) {
        return 1 / (1 + Math.exp(-2 * (Math.abs(levelZ) - 3)));
    }
}
