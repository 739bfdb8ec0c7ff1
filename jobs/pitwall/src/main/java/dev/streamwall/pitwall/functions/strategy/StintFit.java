package dev.streamwall.pitwall.functions.strategy;

import dev.streamwall.generators.f1.Compound;
import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.LapTiming;

/**
 * A car's stint as the timing shows it, as pure functions: {@link #update} folds a completed lap
 * into the stint (a new stint on a stop, flagged or inferred from the timing), its degradation fit
 * over clean laps, its wear and fuel rates; {@link #slope} and {@link #lapsToCliff} read the fit.
 */
public final class StintFit {

    /** Expected degradation before any fit, seconds per lap of tyre age. */
    static double nominalSlope(Compound c) {
        return switch (c) {
            case SOFT -> 0.08;
            case MEDIUM -> 0.05;
            case HARD -> 0.03;
            default -> 0.05;
        };
    }

    /**
     * A compound's expected life in laps before its grip falls away, at a medium-severity circuit
     * and nominal degradation: the model's prior, scaled per stint by the degradation it observes.
     */
    static int nominalLifeLaps(Compound c) {
        return switch (c) {
            case SOFT -> 18;
            case MEDIUM -> 28;
            case HARD -> 40;
            case INTERMEDIATE -> 30;
            case WET -> 35;
        };
    }

    /**
     * Tread wear (percent of the tread gone) at which the model expects lap times to rise sharply,
     * where a car reports its wear; without wear it reckons from {@link #nominalLifeLaps}.
     */
    public static final double CLIFF_WEAR_PERCENT = 70.0;

    /**
     * A clean lap this much slower than the fit, twice running, means the tyres fell off the cliff.
     */
    static final double CLIFF_RESIDUAL_SECONDS = 0.8;

    static final int MIN_FIT_LAPS = 3;

    /** How far a stint's degradation typically strays from the compound's nominal figure, s/lap. */
    static final double SLOPE_PRIOR_SD = 0.03;

    /** Lap-time scatter assumed before a stint shows its own, seconds, and its weight in laps. */
    static final double PRIOR_NOISE_SECONDS = 0.1;

    static final double PRIOR_NOISE_WEIGHT = 2;

    private static final double EWMA = 0.4;

    private StintFit() {}

    public static void update(StintState s, LapTiming lap, StrategyParameters p) {
        // Laps since the last one seen: a gap in recorded timing still ages the tyres.
        int lapsSinceLast = s.lastLap > 0 && lap.lap > s.lastLap ? lap.lap - s.lastLap : 1;
        s.raceId = lap.raceId;
        s.car = lap.car;
        if (lap.driver != null) {
            s.driver = lap.driver;
        }
        s.totalLaps = lap.totalLaps;
        int positionBefore = s.position;
        s.position = lap.position;
        s.pitData |= StopSignature.carriesPitData(lap);
        // Without pit flags or tyre data a stop still shows in the timing: the out-lap is far off
        // the car's green pace and the car loses places (under a safety car everyone is slow, but
        // only the cars that stop drop back).
        boolean inferredStop =
                !s.pitData && s.stint > 0 && StopSignature.outLap(lap, s.paceMs, positionBefore);
        s.gapAhead = lap.gapAhead;
        s.gapBehind = lap.gapBehind;
        // A lap's status is the worst seen during it; a change seen during or after the lap is more
        // recent (a safety car that ended mid-lap no longer makes a stop cheap).
        if (s.statusChangeTs <= lap.lapEndTs - lap.lapTimeMs) {
            s.trackStatus = lap.trackStatus == null ? "GREEN" : lap.trackStatus;
        }
        s.lastLapTimeMs = lap.lapTimeMs;
        s.lastLapEndTs = lap.lapEndTs;

        int age = lap.tyreAge != null ? lap.tyreAge : s.tyreAge + lapsSinceLast;
        String compound = lap.tyreCompound != null ? lap.tyreCompound : s.compound;
        boolean newStint =
                s.stint == 0
                        || lap.pitIn && lap.tyreAge == null
                        || lap.tyreAge != null && lap.tyreAge < s.tyreAge
                        || compound != null && !compound.equals(s.compound)
                        || inferredStop;
        if (newStint) {
            s.stint++;
            s.stintStartLap = lap.lap;
            s.n = 0;
            s.sumX = s.sumY = s.sumXX = s.sumXY = s.sumYY = 0;
            s.lastResidual = s.previousResidual = 0;
            s.wearPerLap = 0;
            s.wear = null;
            if (inferredStop) {
                // Seen at the out-lap: the new set has done this lap.
                s.inferredStops++;
                age = 1;
                s.lastStopInLap = lap.lap - 1;
            } else if (lap.tyreAge == null && s.stint > 1) {
                // The pit box is before the line: the new set has done no laps when
                // the in-lap ends.
                age = 0;
                s.lastStopInLap = lap.pitIn ? lap.lap : lap.lap - 1;
            } else if (s.stint > 1) {
                // New tyres (a lower age or another compound) show on the out-lap.
                s.lastStopInLap = lap.pitIn ? lap.lap : lap.lap - 1;
            }
        }
        s.compound = compound;
        s.tyreAge = age;
        if (compound != null && !s.usedCompound(compound)) {
            s.compoundsUsed =
                    s.compoundsUsed.isEmpty() ? compound : s.compoundsUsed + "," + compound;
        }

        // Rates come from racing laps only: under a safety car, in the pits and on the first lap
        // the tyres wear and the car burns far less, which would put the cliff and the flag too
        // far off. The lap after a neutralisation is a restart on cooled tyres: slow, whatever
        // the tyres' age.
        boolean clean =
                isClean(lap) && !inferredStop && !TrackStatus.parse(s.lastLapStatus).neutralised();
        s.paceMs = StopSignature.pace(s.paceMs, lap, inferredStop, s.lastLapStatus);
        s.lastLapStatus = lap.trackStatus;
        if (lap.tyreWear != null) {
            if (s.wear != null && !newStint && clean) {
                double delta = (lap.tyreWear - s.wear) / lapsSinceLast;
                s.wearPerLap = s.wearPerLap == 0 ? delta : EWMA * delta + (1 - EWMA) * s.wearPerLap;
            }
            s.wear = lap.tyreWear;
        }
        // Without fuel data the fit still needs a fuel correction: assume an even burn to the flag.
        // Only measured fuel counts towards fuel to the flag, which is otherwise unknown.
        double fuel = lap.fuel != null ? lap.fuel : estimatedFuel(lap, p);
        if (lap.fuel != null) {
            if (s.fuel != null && clean) {
                double burn = (s.fuel - lap.fuel) / lapsSinceLast;
                if (burn > 0) {
                    s.fuelPerLap =
                            s.fuelPerLap == 0 ? burn : EWMA * burn + (1 - EWMA) * s.fuelPerLap;
                }
            }
            s.fuel = lap.fuel;
        }
        s.lastLap = lap.lap;

        if (clean) {
            double y = lap.lapTimeMs / 1000.0 - fuel * p.fuelEffectSecondsPerKg();
            if (s.n >= MIN_FIT_LAPS) {
                s.previousResidual = s.lastResidual;
                s.lastResidual = y - predict(s, age);
            }
            s.n++;
            s.sumX += age;
            s.sumY += y;
            s.sumXX += (double) age * age;
            s.sumXY += age * y;
            s.sumYY += y * y;
        }
    }

    /** Laps that say nothing about tyre degradation: the start, pit laps and neutralised laps. */
    static boolean isClean(LapTiming lap) {
        TrackStatus status = TrackStatus.parse(lap.trackStatus);
        return lap.lap > 1
                && !lap.pitIn
                && !lap.pitOut
                && (status == TrackStatus.GREEN || status == TrackStatus.YELLOW);
    }

    static double estimatedFuel(LapTiming lap, StrategyParameters p) {
        int total = Math.max(lap.totalLaps, 1);
        return Math.max(0, p.startFuelKg() * (1.0 - (double) lap.lap / total));
    }

    /**
     * Degradation in seconds per lap of tyre age: the stint's least-squares slope, shrunk towards
     * the compound's nominal figure by as much as the scatter of its lap times leaves it uncertain
     * (the posterior mean under a normal prior), so that a few noisy laps cannot halve the tyres'
     * life.
     */
    public static double slope(StintState s) {
        double nominal = nominalSlope(compoundOf(s));
        if (s.n < MIN_FIT_LAPS) {
            return nominal;
        }
        double sxx = s.sumXX - s.sumX * s.sumX / s.n;
        if (sxx <= 1e-9) {
            return nominal;
        }
        double sxy = s.sumXY - s.sumX * s.sumY / s.n;
        double fitted = sxy / sxx;
        double syy = s.sumYY - s.sumY * s.sumY / s.n;
        double squaredErrors = Math.max(0, syy - fitted * sxy);
        double noiseVariance =
                (squaredErrors + PRIOR_NOISE_WEIGHT * PRIOR_NOISE_SECONDS * PRIOR_NOISE_SECONDS)
                        / (s.n - 2 + PRIOR_NOISE_WEIGHT);
        double priorWeight = noiseVariance / (SLOPE_PRIOR_SD * SLOPE_PRIOR_SD);
        return (fitted * sxx + nominal * priorWeight) / (sxx + priorWeight);
    }

    static double predict(StintState s, int age) {
        double b = slope(s);
        double a = (s.sumY - b * s.sumX) / s.n;
        return a + b * age;
    }

    static Compound compoundOf(StintState s) {
        try {
            return s.compound == null ? Compound.MEDIUM : Compound.valueOf(s.compound);
        } catch (IllegalArgumentException e) {
            return Compound.MEDIUM;
        }
    }

    public static boolean cliffReached(StintState s) {
        return s.lastResidual > CLIFF_RESIDUAL_SECONDS
                && s.previousResidual > CLIFF_RESIDUAL_SECONDS;
    }

    /**
     * Laps until the cliff: from the tread wear rate where wear is measured, else from the
     * compound's nominal life scaled by how fast this stint degrades against nominal.
     */
    public static double lapsToCliff(StintState s) {
        if (cliffReached(s)) {
            return 0;
        }
        if (s.wear != null && s.wearPerLap > 0.05) {
            return Math.max(0, (CLIFF_WEAR_PERCENT - s.wear) / s.wearPerLap);
        }
        Compound c = compoundOf(s);
        double ratio = clamp(nominalSlope(c) / Math.max(slope(s), 1e-3), 0.5, 1.5);
        return Math.max(0, nominalLifeLaps(c) * ratio - s.tyreAge);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
