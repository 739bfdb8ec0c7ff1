package dev.streamwall.pitwall.functions.strategy;

import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.LapTiming;

/**
 * How a pit stop shows in lap timing without pit flags or tyre data, and the green-flag pace it is
 * measured against: one definition for the car's own strategy and for the field stage, which counts
 * the stops of the other cars.
 */
public final class StopSignature {

    /**
     * An out-lap is at least this much slower than the car's green pace (the pit lane costs 15-25
     * s)...
     */
    static final long STOP_LOSS_MS = 12_000;

    /** A lap at most this much slower than the pace counts towards it (not a stop, not an SC). */
    static final long PACE_BAND_MS = 5_000;

    /** Weight of the newest clean lap in the pace. */
    static final double EWMA = 0.4;

    private StopSignature() {}

    /**
     * Whether {@code lap} is the out-lap after a stop, seen from timing alone: far off the car's
     * green pace ({@code paceMs}, 0 while unknown) and the car lost places ({@code positionBefore},
     * its position a lap earlier, 0 when unknown). Never on the first two laps, where the start
     * shuffles the order.
     */
    public static boolean outLap(LapTiming lap, double paceMs, int positionBefore) {
        return lap.lap > 2
                && paceMs > 0
                && lap.lapTimeMs > paceMs + STOP_LOSS_MS
                && positionBefore > 0
                && lap.position > positionBefore;
    }

    /**
     * The pace after {@code lap}: a weighted average of the car's clean racing laps within {@link
     * #PACE_BAND_MS} of it. A lap after a neutralised one ({@code previousStatus}) is a restart on
     * cold tyres and does not count, nor does an out-lap.
     */
    public static double pace(double paceMs, LapTiming lap, boolean outLap, String previousStatus) {
        boolean clean =
                StintFit.isClean(lap)
                        && !outLap
                        && !TrackStatus.parse(previousStatus).neutralised();
        if (!clean || paceMs > 0 && lap.lapTimeMs >= paceMs + PACE_BAND_MS) {
            return paceMs;
        }
        return paceMs == 0 ? lap.lapTimeMs : EWMA * lap.lapTimeMs + (1 - EWMA) * paceMs;
    }

    /**
     * Whether a lap carries pit data (a pit flag, a tyre age or a compound): from then on the car's
     * stops are read from that data ({@link #flagged}), not inferred from its timing ({@link
     * #outLap}).
     */
    public static boolean carriesPitData(LapTiming lap) {
        return lap.pitIn || lap.pitOut || lap.tyreAge != null || lap.tyreCompound != null;
    }

    /** Whether a lap says the car stopped: flagged, a lower tyre age or another compound. */
    public static boolean flagged(LapTiming lap, Integer tyreAgeBefore, String compoundBefore) {
        return lap.pitIn
                || lap.tyreAge != null && tyreAgeBefore != null && lap.tyreAge < tyreAgeBefore
                || lap.tyreCompound != null
                        && compoundBefore != null
                        && !lap.tyreCompound.equals(compoundBefore);
    }
}
