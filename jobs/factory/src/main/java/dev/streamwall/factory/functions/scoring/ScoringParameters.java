package dev.streamwall.factory.functions.scoring;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * How the per-sensor statistics learn and when a reading is anomalous. Learning is counted in
 * readings, and every duration is stretched to a number of the series' own sampling steps, so the
 * same parameters serve a 1 Hz machine sensor and an hourly meter.
 *
 * @param baselineSamples time constant, in readings, of the exponentially weighted baseline (mean
 *     and noise) once learnt
 * @param learningSamples readings a new (or restarted) sensor is at least only learnt, never
 *     reported; learning goes on while its level is still moving (a warm-up), up to ten times that
 * @param learningTauSamples the baseline's faster time constant while learning
 * @param gateZ beyond this |level z| the baseline learns {@code gateSlowdown} times slower, so a
 *     slow fault cannot drag the baseline along with it
 * @param gateSlowdown see {@code gateZ}
 * @param anomalyZ the least |level z| of an anomalous level, whatever the series' history
 * @param likelihood the score (see {@link #logScore}) from which the recent level is anomalous
 *     against the series' own history of surprise: 0.5 is a one-in-100,000 event
 * @param minRun consecutive anomalous readings before an episode opens (a spike never gets there)
 * @param endRun consecutive normal readings before it closes
 * @param spikeZ the least |z| of a single reading reported as a SPIKE when the level stays normal
 * @param stuckRun the fewest identical consecutive readings that make a sensor STUCK (more when the
 *     series has shown longer flat runs in normal operation: counts that sit at zero)
 * @param levelWindow readings in the running median that defines the level (odd)
 * @param historySamples time constant, in readings, of the series' record of its own surprise
 * @param heartbeat how often an open episode reports that it is still there (at least every {@value
 *     #HEARTBEAT_STEPS} steps of the series)
 * @param restartGap a silence after which a sensor is learnt anew (the machine was stopped), at
 *     least {@value #RESTART_STEPS} steps of the series
 * @param idleRetention a silence after which all state of the sensor is dropped, at least {@value
 *     #RETENTION_STEPS} steps of the series
 * @param patience the longest the detector pools evidence before it speaks: the level window, the
 *     recent surprise and the runs that open and close an episode are counted in readings but never
 *     span more than this (the level window half of it), so a series sampled every minute or hour
 *     is judged on its last reading instead of waiting ten of them; at 1 Hz the reading counts
 *     apply as given
 */
public record ScoringParameters(
        int baselineSamples,
        int learningSamples,
        int learningTauSamples,
        double gateZ,
        double gateSlowdown,
        double anomalyZ,
        double likelihood,
        int minRun,
        int endRun,
        double spikeZ,
        int stuckRun,
        int levelWindow,
        int historySamples,
        Duration heartbeat,
        Duration restartGap,
        Duration idleRetention,
        Duration patience)
        implements Serializable {

    public static final int HEARTBEAT_STEPS = 10;
    public static final int RESTART_STEPS = 100;
    public static final int RETENTION_STEPS = 300;

    public static ScoringParameters defaults() {
        return new ScoringParameters(
                3600,
                120,
                60,
                2.0,
                20,
                3.0,
                0.5,
                10,
                10,
                5.0,
                30,
                5,
                10_000,
                Duration.ofSeconds(60),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Duration.ofSeconds(10));
    }

    /** A builder starting from these parameters, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some parameters of a set, keeping the others. */
    public static final class Builder {
        private int learningSamples;
        private int stuckRun;
        private Duration idleRetention;
        private Duration patience;
        private final ScoringParameters from;

        private Builder(ScoringParameters from) {
            this.from = from;
            learningSamples = from.learningSamples;
            stuckRun = from.stuckRun;
            idleRetention = from.idleRetention;
            patience = from.patience;
        }

        public Builder learningSamples(int n) {
            learningSamples = n;
            return this;
        }

        public Builder stuckRun(int n) {
            stuckRun = n;
            return this;
        }

        public Builder idleRetention(Duration d) {
            idleRetention = d;
            return this;
        }

        public Builder patience(Duration d) {
            patience = d;
            return this;
        }

        public ScoringParameters build() {
            return new ScoringParameters(
                    from.baselineSamples,
                    learningSamples,
                    from.learningTauSamples,
                    from.gateZ,
                    from.gateSlowdown,
                    from.anomalyZ,
                    from.likelihood,
                    from.minRun,
                    from.endRun,
                    from.spikeZ,
                    stuckRun,
                    from.levelWindow,
                    from.historySamples,
                    from.heartbeat,
                    from.restartGap,
                    idleRetention,
                    patience);
        }
    }

    /**
     * The baseline's time constant in readings at a sampling step (ms; 0: unknown): {@link
     * #baselineSamples}, but no more than a day of the series (at least {@value
     * #LEAST_BASELINE_SAMPLES} readings), so a slow series follows its normal drift from day to day
     * instead of over months; at 1 Hz {@code baselineSamples} applies as given.
     */
    public int baselineSamples(double step) {
        return Math.min(
                baselineSamples,
                Math.max(LEAST_BASELINE_SAMPLES, readingsIn(Duration.ofDays(1).toMillis(), step)));
    }

    /**
     * The memory, in readings, of the series' record of its own surprise at a sampling step (ms; 0:
     * unknown): {@link #historySamples}, but no more than a week of the series (at least {@value
     * #LEAST_HISTORY_SAMPLES} readings).
     */
    public int historySamples(double step) {
        return Math.min(
                historySamples,
                Math.max(LEAST_HISTORY_SAMPLES, readingsIn(Duration.ofDays(7).toMillis(), step)));
    }

    static final int LEAST_BASELINE_SAMPLES = 50;
    static final int LEAST_HISTORY_SAMPLES = 200;

    /** Readings in the series' running median of its level, at a sampling step (ms; 0: unknown). */
    public int levelWindow(double step) {
        int w = Math.min(levelWindow, Math.max(1, readingsIn(patience.toMillis() / 2.0, step)));
        return w % 2 == 1 ? w : w - 1;
    }

    /** Anomalous readings in a row that open an episode, at a sampling step (ms; 0: unknown). */
    public int minRun(double step) {
        return Math.min(minRun, Math.max(1, readingsIn(patience.toMillis(), step)));
    }

    /** Normal readings in a row that close an episode, at a sampling step (ms; 0: unknown). */
    public int endRun(double step) {
        return Math.min(endRun, Math.max(1, readingsIn(patience.toMillis(), step)));
    }

    /**
     * The score each reading of the run that opens an episode must reach, at a sampling step (ms;
     * 0: unknown): {@link #likelihood} for a run of {@link #minRun} readings, rising to {@link
     * #singleReadingScore} when the patience leaves one reading, so that fewer readings need
     * stronger evidence.
     */
    public double openScore(double step) {
        int m = minRun(step);
        return likelihood
                + (singleReadingScore(step) - likelihood)
                        * (minRun - m)
                        / (double) Math.max(1, minRun - 1);
    }

    /**
     * The score a single reading must reach to open an episode on its own, at a sampling step (ms;
     * 0: unknown): {@value #HOURLY_SINGLE_READING_SCORE} (rarer than 1 in 10^8 for the series) for
     * an hourly series, a tenth more for each tenfold of readings per hour, up to 1 (a five-minute
     * series 0.91, a minute series 0.98): the same rate of false episodes per hour whatever the
     * sampling, where one threshold per reading would give a minute series sixty times the false
     * episodes of an hourly one. Measured on Microsoft's cloud-monitoring series (hourly and per
     * minute), against one threshold of 0.9 for all: NAB standard score of the alerts 47.1 to 49.1,
     * the same on the minute series as five-minute means.
     */
    public static double singleReadingScore(double step) {
        if (step <= 0) {
            // As cautious as it gets; openScore never asks then (the full run of minRun applies).
            return 1.0;
        }
        double perHour = Math.max(1, Duration.ofHours(1).toMillis() / step);
        return Math.min(1.0, HOURLY_SINGLE_READING_SCORE + 0.1 * Math.log10(perHour));
    }

    /** The score a single reading of an hourly (or slower) series must reach on its own. */
    public static final double HOURLY_SINGLE_READING_SCORE = 0.8;

    /**
     * The weight of a reading in the recent surprise (a quarter: about four readings), at a
     * sampling step (ms; 0: unknown): more when four readings span more than {@link #patience}.
     */
    public double recentWeight(double step) {
        return 1.0 / Math.max(1, Math.min(4, readingsIn(patience.toMillis() / 2.5, step)));
    }

    /** Readings that fit in {@code ms} at {@code step} (rounded up); unbounded while unknown. */
    private static int readingsIn(double ms, double step) {
        return step <= 0 ? Integer.MAX_VALUE : (int) Math.ceil(ms / step - 1e-6);
    }

    /**
     * The smallest standard deviation a sensor of a known kind is scored with, its tolerance (a
     * prior: machines vary within it with load and shifts, so only larger departures count); 0 for
     * other sensors, whose spread is all learnt.
     */
    public static double tolerance(String sensor) {
        return switch (sensor.toLowerCase(Locale.ROOT)) {
            case "temp" -> 2.5;
            case "vibration" -> 0.25;
            case "pressure" -> 0.12;
            default -> 0;
        };
    }

    /**
     * A tail probability on a 0..1 scale comparable across series: {@code -log10(Q(z)) / 10}, where
     * Q is the standard normal upper tail; 0.5 at Q = 1e-5 (z 4.26), 1 at Q = 1e-10 (z 6.36), 0 for
     * z at or below 0.
     */
    public static double logScore(double z) {
        if (!(z > 0)) {
            return 0;
        }
        return Math.min(1.0, -logUpperTail(z) / Math.log(10) / 10);
    }

    /** The coefficients of Numerical Recipes' erfcc, lowest power of t first. */
    private static final double[] ERFCC = {
        -1.26551223,
        1.00002368,
        0.37409196,
        0.09678418,
        -0.18628806,
        0.27886807,
        -1.13520398,
        1.48851587,
        -0.82215223,
        0.17087277
    };

    /**
     * ln Q(z) for z &ge; 0, from the complementary error function's Chebyshev fit (Numerical
     * Recipes' erfcc, relative error below 1.2e-7 everywhere), so that far tails stay finite.
     */
    static double logUpperTail(double z) {
        double x = z / Math.sqrt(2);
        double t = 1.0 / (1.0 + 0.5 * x);
        // Horner's scheme from the highest coefficient, in the fit's own order of operations.
        double h = ERFCC[ERFCC.length - 1];
        for (int i = ERFCC.length - 2; i >= 1; i--) {
            h = ERFCC[i] + t * h;
        }
        double poly = -x * x + ERFCC[0] + t * h;
        return Math.log(0.5) + Math.log(t) + poly;
    }
}
