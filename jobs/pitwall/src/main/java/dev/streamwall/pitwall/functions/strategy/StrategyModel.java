package dev.streamwall.pitwall.functions.strategy;

import static dev.streamwall.pitwall.functions.strategy.StintFit.cliffReached;
import static dev.streamwall.pitwall.functions.strategy.StintFit.compoundOf;
import static dev.streamwall.pitwall.functions.strategy.StintFit.nominalLifeLaps;
import static dev.streamwall.pitwall.functions.strategy.StintFit.nominalSlope;
import static dev.streamwall.pitwall.functions.strategy.StintFit.slope;

import dev.streamwall.generators.f1.Compound;
import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.Call;
import dev.streamwall.pitwall.records.StintOutlook;
import java.util.Locale;

/**
 * The pit wall's reasoning for one car, as pure functions: {@link #decide} turns the stint's
 * figures ({@link StintFit}) into a call with a reason.
 */
public final class StrategyModel {

    /** A stop this likely within the window makes the call PREPARE. */
    static final double PREPARE_PROBABILITY = 0.4;

    private StrategyModel() {}

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
            double toCliff = StintFit.lapsToCliff(s);
            double slope = StintFit.slope(s);
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
