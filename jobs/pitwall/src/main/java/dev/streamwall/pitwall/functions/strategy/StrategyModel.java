package dev.streamwall.pitwall.functions.strategy;

import dev.streamwall.generators.f1.Compound;
import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.Call;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.records.StintOutlook;
import java.util.Locale;

/**
 * The pit wall's reasoning for one car, as pure functions: {@link #update} folds a completed lap
 * into the stint's degradation, wear and fuel figures; {@link #decide} turns them into a call with
 * a reason.
 */
public final class StrategyModel {

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

    /** A stop this likely within the window makes the call PREPARE. */
    static final double PREPARE_PROBABILITY = 0.4;

    private static final double EWMA = 0.4;

    private StrategyModel() {}

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

    /**
     * The call for the car now: the figures of its {@link Situation}, then the first of the {@link
     * StrategyCalls} rules that applies.
     */
    public static StintOutlook decide(
            StintState s, String trigger, long ts, int lapNow, StrategyParameters p) {
        Situation x = Situation.of(s, p);
        StrategyCalls.Verdict verdict = StrategyCalls.first(x, p);
        String reason = verdict.reason();
        if (!Double.isNaN(x.fuelToFlag())
                && x.fuelToFlag() < 0
                && verdict.call() == Call.STAY_OUT) {
            reason +=
                    String.format(
                            Locale.ROOT, "; fuel %.1f kg short: lift and coast", -x.fuelToFlag());
        }

        StintOutlook d = new StintOutlook();
        d.raceId = s.raceId;
        d.car = s.car;
        d.driver = s.driver;
        d.lap = lapNow;
        d.ts = ts;
        d.trigger = trigger;
        d.call = verdict.call().name();
        d.reason = reason;
        d.stint = s.stint;
        d.tyreCompound = s.compound;
        d.tyreAge = s.tyreAge;
        d.stintHealth = Math.round(x.health() * 10) / 10.0;
        if (x.bare()) {
            d.pitWindowProbability = Math.round(x.hazard() * 1000) / 1000.0;
            int[] window = bareWindow(verdict.call(), s, lapNow);
            if (window != null && x.lapsRemaining() > 1) {
                d.windowFrom = window[0];
                d.windowTo = window[1];
            }
        } else {
            d.pitWindowProbability = Math.round(x.probability() * 1000) / 1000.0;
            if (x.stopNeeded() && x.lapsRemaining() > 1) {
                int[] window = window(verdict.call(), x.lapsToStop(), lapNow, s.totalLaps);
                d.windowFrom = window[0];
                d.windowTo = window[1];
            }
        }
        d.lapsToCliff = round1(x.toCliff());
        d.degradationPerLap = Math.round(x.slope() * 1000) / 1000.0;
        d.fuelToFlag = Double.isNaN(x.fuelToFlag()) ? null : round1(x.fuelToFlag());
        d.lapsRemaining = x.lapsRemaining();
        d.undercutThreat = x.undercutThreat();
        d.undercutOpportunity = x.undercutOpportunity();
        d.trackStatus = s.trackStatus;
        d.position = s.position;
        return d;
    }

    /**
     * The in-laps of a car on bare timing's call: this lap for a box call, the hazard's horizon for
     * PREPARE, else the laps from where {@link StopHazard} expects the stop if the field stays
     * quiet; null when the set is expected to reach the flag.
     */
    static int[] bareWindow(Call call, StintState s, int lapNow) {
        int last = Math.max(lapNow, s.totalLaps - 1);
        return switch (call) {
            case BOX_NOW, BOX_OPPORTUNITY -> new int[] {lapNow, lapNow};
            case PREPARE ->
                    new int[] {lapNow, Math.min(lapNow + StopHazard.HORIZON_LAPS - 1, last)};
            case STAY_OUT -> {
                int expected =
                        StopHazard.expectedInLap(s.lastLap, s.lastStopInLap, s.totalLaps, lapNow);
                yield expected < 0
                        ? null
                        : new int[] {
                            expected, Math.min(expected + StopHazard.HORIZON_LAPS - 1, last)
                        };
            }
        };
    }

    /**
     * What the model makes of a car's stint at a decision: where the cliff is, whether and when a
     * stop is due, the pit-window probability, undercuts and health. Without tyre data ({@code
     * bare}: lap timing, with or without pit flags) the calls come from {@code hazard}, {@link
     * StopHazard}'s probability of a stop within its horizon.
     */
    record Situation(
            StintState stint,
            boolean bare,
            double hazard,
            TrackStatus status,
            int lapsRemaining,
            double toCliff,
            double slope,
            boolean mustStopForRule,
            boolean stopNeeded,
            double lapsToStop,
            boolean dueToRule,
            double balancedStop,
            boolean balanced,
            double fuelToFlag,
            double probability,
            boolean undercutThreat,
            boolean undercutOpportunity,
            double health) {

        static Situation of(StintState s, StrategyParameters p) {
            TrackStatus status = TrackStatus.parse(s.trackStatus);
            int lapsRemaining = Math.max(0, s.totalLaps - s.lastLap);
            double toCliff = StrategyModel.lapsToCliff(s);
            double slope = StrategyModel.slope(s);
            boolean mustStopForRule = StrategyModel.mustStopForRule(s);
            boolean tyresLastToFlag = toCliff >= lapsRemaining;
            boolean stopNeeded = lapsRemaining > 1 && (!tyresLastToFlag || mustStopForRule);
            // Laps until a stop is due: the cliff, or the last lap that still leaves room to fit a
            // second compound (a stop at the end of the final lap is no stop).
            double lapsToStop = mustStopForRule ? Math.min(toCliff, lapsRemaining - 1) : toCliff;
            boolean dueToRule = mustStopForRule && lapsToStop < toCliff;
            // When one more set can take the car to the flag, the best stop is not the cliff but
            // the split of the remaining laps that balances the two stints' degradation.
            double balancedStop =
                    stopNeeded ? StrategyModel.balancedStop(s, slope, lapsRemaining, toCliff) : -1;
            boolean balanced = balancedStop >= 0 && balancedStop + 1 < lapsToStop - 0.5;
            if (balanced) {
                lapsToStop = balancedStop + 1;
                dueToRule = false;
            }
            double fuelToFlag = s.fuel == null ? Double.NaN : s.fuel - s.fuelPerLap * lapsRemaining;
            double probability =
                    stopNeeded ? StrategyModel.windowProbability(lapsToStop, p.pitWindowLaps()) : 0;
            double gain = Math.max(0, slope * s.tyreAge - 0.5);
            boolean undercutThreat =
                    s.gapBehind != null && s.tyreAge >= 5 && s.gapBehind <= Math.max(1.0, gain);
            boolean undercutOpportunity =
                    s.gapAhead != null && s.tyreAge >= 5 && s.gapAhead <= Math.max(1.0, gain);
            double health = StrategyModel.stintHealth(s, toCliff, slope, fuelToFlag);
            // No tyre data (pit flags or not): no tyre model to reason from.
            boolean bare = s.compound == null;
            return new Situation(
                    s,
                    bare,
                    bare
                            ? StopHazard.probability(
                                    s.lastLap, s.lastStopInLap, s.totalLaps, s.fieldStops)
                            : Double.NaN,
                    status,
                    lapsRemaining,
                    toCliff,
                    slope,
                    mustStopForRule,
                    stopNeeded,
                    lapsToStop,
                    dueToRule,
                    balancedStop,
                    balanced,
                    fuelToFlag,
                    probability,
                    undercutThreat,
                    undercutOpportunity,
                    health);
        }
    }

    /**
     * Whether the car still has to fit a second dry compound; with no tyre data, whether it has yet
     * to stop at all.
     */
    static boolean mustStopForRule(StintState s) {
        if (s.compound == null) {
            return s.stint < 2;
        }
        return s.compoundsUsedCount() < 2 && compoundOf(s).slick();
    }

    /** "SOFT tyres", or just "tyres" when timing carries no compound. */
    static String tyres(StintState s) {
        return s.compound == null ? "tyres" : s.compound + " tyres";
    }

    /** Share of a fresh set's life a stint may use: teams stop before the cliff, not at it. */
    static final double USABLE_LIFE_SHARE = 0.85;

    /** The set a car takes at its next stop: the hard, or the medium when already on hards. */
    static Compound nextCompound(StintState s) {
        return compoundOf(s) == Compound.HARD ? Compound.MEDIUM : Compound.HARD;
    }

    /**
     * Laps from now to the stop that minimises the degradation of the two remaining stints (linear
     * degradation: the current set at {@code slope} from its age, the next set at its nominal slope
     * from new), kept within the current set's cliff and the next set's usable life; -1 when one
     * more set cannot reach the flag (a longer strategy: stop for the cliff).
     */
    static double balancedStop(StintState s, double slope, int lapsRemaining, double toCliff) {
        if (!compoundOf(s).slick()) {
            return -1;
        }
        Compound next = nextCompound(s);
        double usable = USABLE_LIFE_SHARE * nominalLifeLaps(next);
        double latest = toCliff - 1;
        double earliest = lapsRemaining - usable;
        if (earliest > latest) {
            return -1;
        }
        double s1 = Math.max(slope, 1e-3);
        double s2 = nominalSlope(next);
        double best = (s2 * lapsRemaining - s1 * s.tyreAge) / (s1 + s2);
        return Math.max(0, Math.min(latest, Math.max(earliest, best)));
    }

    /**
     * The in-laps a stop is expected in, first and last: this lap for a box call, else the best
     * stop of {@link #windowProbability} one standard deviation either side, never the last lap (a
     * stop at the end of the race is no stop).
     */
    static int[] window(Call call, double lapsToStop, int lapNow, int totalLaps) {
        int last = Math.max(lapNow, totalLaps - 1);
        if (call == Call.BOX_NOW || call == Call.BOX_OPPORTUNITY) {
            return new int[] {lapNow, lapNow};
        }
        double mean = Math.max(lapsToStop - 1, 0);
        double sigma = Math.max(1.0, 0.2 * mean);
        int from = lapNow + (int) Math.max(0, Math.floor(mean - sigma));
        int to = lapNow + (int) Math.ceil(mean + sigma);
        return new int[] {Math.min(from, last), Math.min(to, last)};
    }

    /**
     * Probability that the best lap to stop falls within the next {@code window} laps, with the
     * best stop modelled as normal around the lap before the stop is due and an uncertainty that
     * grows with the horizon. A best stop that is already overdue counts as the next lap.
     */
    static double windowProbability(double lapsToStop, int window) {
        double mean = Math.max(lapsToStop - 1, 0);
        double sigma = Math.max(1.0, 0.2 * mean);
        return clamp(phi((window - 0.5 - mean) / sigma), 0, 1);
    }

    static double stintHealth(StintState s, double toCliff, double slope, double fuelToFlag) {
        Compound c = compoundOf(s);
        double life = clamp(toCliff / nominalLifeLaps(c), 0, 1);
        double health = 15 + 85 * life;
        if (slope > 1.5 * nominalSlope(c)) {
            health -= 10;
        }
        if (!Double.isNaN(fuelToFlag) && fuelToFlag < 0) {
            health -= 15;
        }
        if (cliffReached(s)) {
            health = Math.min(health, 5);
        }
        return clamp(health, 0, 100);
    }

    /**
     * Standard normal cumulative distribution (Abramowitz and Stegun 7.1.26, error below 1.5e-7).
     */
    static double phi(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double poly = 1.061405429;
        for (double a : new double[] {-1.453152027, 1.421413741, -0.284496736, 0.254829592}) {
            poly = a + t * poly;
        }
        double erf = 1 - t * poly * Math.exp(-x * x / 2);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static Double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
