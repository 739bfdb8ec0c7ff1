package dev.streamwall.pitwall.functions.strategy;

import java.util.Locale;

/**
 * When a car whose timing carries no tyre data is likely to stop: the probability of a stop within
 * the next {@link #HORIZON_LAPS} laps, from how old its tyres are and how far the race has gone
 * (both as shares of the race distance) and how many other cars were seen to stop while it drove
 * its last lap.
 *
 * <p>A logistic model, {@code p = 1 / (1 + exp(-(w0 + w1 a + w2 a² + w3 l + w4 f)))} with {@code a}
 * = laps since the car's last stop / race laps, {@code l} = laps done / race laps, {@code f} =
 * other cars' stops during its last lap (at most 4) / 4. Its weights were fitted (L2-regularised
 * maximum likelihood) on the public lap and pit-stop tables of the 2020-2022 seasons (61 races,
 * Ergast format), with the stops the job itself infers from timing ({@link StopSignature}) and the
 * field's stops counted as {@link FieldFunction} counts them; the stop to predict is the real one.
 * On the 2023 season, which it was not fitted on, it scores as the README's table shows.
 */
public final class StopHazard {

    /** The laps a probability covers: a stop on any of the next four. */
    public static final int HORIZON_LAPS = 4;

    /** A stop this likely makes the call BOX_NOW... */
    static final double BOX_PROBABILITY = 0.25;

    /** ...and this likely PREPARE, with the horizon as its window. */
    static final double PREPARE_PROBABILITY = 0.15;

    static final double INTERCEPT = -2.8126;
    static final double AGE = 10.8148;
    static final double AGE_SQUARED = -9.5755;
    static final double PROGRESS = -2.7839;
    static final double FIELD = 1.0642;

    /** The most field stops that count. */
    static final int FIELD_CAP = 4;

    private StopHazard() {}

    /**
     * The probability that the car stops within the next {@link #HORIZON_LAPS} laps, after it
     * completed {@code lap} of {@code totalLaps}, its last stop at the end of {@code lastStopInLap}
     * (0 before its first), with {@code fieldStops} other cars seen to stop during that lap.
     */
    public static double probability(int lap, int lastStopInLap, int totalLaps, int fieldStops) {
        return 1 / (1 + Math.exp(-score(lap, lastStopInLap, totalLaps, fieldStops)));
    }

    static double score(int lap, int lastStopInLap, int totalLaps, int fieldStops) {
        double race = Math.max(totalLaps, 1);
        double a = (lap - lastStopInLap) / race;
        double l = lap / race;
        double f = Math.min(fieldStops, FIELD_CAP) / (double) FIELD_CAP;
        return INTERCEPT + AGE * a + AGE_SQUARED * a * a + PROGRESS * l + FIELD * f;
    }

    /**
     * The in-lap the model expects the stop on if the field stays quiet: where the probability
     * peaks as the tyres age (at an age of {@code -(AGE + PROGRESS) / (2 AGE_SQUARED)} of the race,
     * about 42 %), no earlier than {@code lapNow}; -1 when the set is expected to reach the flag:
     * that lap is the last or later, or even there a stop is less likely than {@link
     * #PREPARE_PROBABILITY}.
     */
    static int expectedInLap(int lap, int lastStopInLap, int totalLaps, int lapNow) {
        double peakAge = -(AGE + PROGRESS) / (2 * AGE_SQUARED) * totalLaps;
        int inLap = Math.max(lapNow, (int) Math.round(lastStopInLap + peakAge));
        if (inLap >= totalLaps) {
            return -1;
        }
        // Probabilities are made after a completed lap: the one before the in-lap.
        return probability(inLap - 1, lastStopInLap, totalLaps, 0) < PREPARE_PROBABILITY
                ? -1
                : inLap;
    }

    /** Why: the figures the probability was made of. */
    static String explain(double p, int lap, int lastStopInLap, int totalLaps, int fieldStops) {
        int age = lap - lastStopInLap;
        return String.format(
                Locale.ROOT,
                "%.0f%% chance of a stop within %d laps: tyres %d laps old (%.0f%% of the race),"
                        + " %d of %d laps done, %d other car%s stopped during the lap",
                100 * p,
                HORIZON_LAPS,
                age,
                100.0 * age / Math.max(totalLaps, 1),
                lap,
                totalLaps,
                fieldStops,
                fieldStops == 1 ? "" : "s");
    }
}
