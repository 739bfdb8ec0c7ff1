package dev.streamwall.pitwall.functions.strategy;

import static dev.streamwall.pitwall.functions.strategy.StintFit.cliffReached;
import static dev.streamwall.pitwall.functions.strategy.StintFit.compoundOf;
import static dev.streamwall.pitwall.functions.strategy.StintFit.nominalLifeLaps;
import static dev.streamwall.pitwall.functions.strategy.StrategyModel.nextCompound;
import static dev.streamwall.pitwall.functions.strategy.StrategyModel.tyres;

import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.functions.strategy.StrategyModel.Situation;
import dev.streamwall.pitwall.records.Call;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pit wall's calls as rules in the order they are weighed: the race is over, a red flag, a
 * cheap stop under SC/VSC, tyres past the cliff, a stop due now, the pit window open, else stay
 * out. The first rule that applies makes the call and gives the reason.
 */
final class StrategyCalls {

    /** A call and why. */
    record Verdict(Call call, String reason) {}

    /** One rule: the verdict when it applies to the situation. */
    @FunctionalInterface
    interface Rule {
        Optional<Verdict> apply(Situation x, StrategyParameters p);
    }

    /** Tyres this old (and needing a stop) make a neutralised lap worth a stop... */
    static final int MIN_AGE_FOR_CHEAP_STOP = 3;

    /** ...when the cliff is this close, or the mandatory change or half the tyre life is due. */
    static final double CHEAP_STOP_CLIFF_LAPS = 15;

    static final List<Rule> RULES =
            List.of(
                    StrategyCalls::raceOver,
                    StrategyCalls::redFlag,
                    StrategyCalls::cheapStopUnderSafetyCar,
                    StrategyCalls::pastTheCliff,
                    StrategyCalls::stopDue,
                    StrategyCalls::windowOpen);

    /**
     * On bare timing there is no tyre model to reason from: after the race's state, the history
     * model of {@link StopHazard} makes the call.
     */
    static final List<Rule> BARE_TIMING_RULES =
            List.of(
                    StrategyCalls::raceOver,
                    StrategyCalls::redFlag,
                    StrategyCalls::cheapStopUnderSafetyCar,
                    StrategyCalls::stopLikely,
                    StrategyCalls::stopPossible);

    private StrategyCalls() {}

    /** The verdict of the first rule that applies, else STAY_OUT with the tyres' outlook. */
    static Verdict first(Situation x, StrategyParameters p) {
        for (Rule rule : x.bare() ? BARE_TIMING_RULES : RULES) {
            Optional<Verdict> v = rule.apply(x, p);
            if (v.isPresent()) {
                return v.get();
            }
        }
        return x.bare() ? quiet(x) : stayOut(x);
    }

    static Optional<Verdict> stopLikely(Situation x, StrategyParameters p) {
        return x.lapsRemaining() > 1 && x.hazard() >= StopHazard.BOX_PROBABILITY
                ? Optional.of(new Verdict(Call.BOX_NOW, "stop likely: " + hazard(x)))
                : Optional.empty();
    }

    static Optional<Verdict> stopPossible(Situation x, StrategyParameters p) {
        return x.lapsRemaining() > 1 && x.hazard() >= StopHazard.PREPARE_PROBABILITY
                ? Optional.of(new Verdict(Call.PREPARE, "pit window open: " + hazard(x)))
                : Optional.empty();
    }

    /** STAY_OUT on bare timing, with the hazard's figures. */
    static Verdict quiet(Situation x) {
        StintState s = x.stint();
        boolean toTheFlag =
                StopHazard.expectedInLap(s.lastLap, s.lastStopInLap, s.totalLaps, s.lastLap + 1)
                        < 0;
        return new Verdict(
                Call.STAY_OUT,
                (toTheFlag ? "no stop expected before the flag: " : "no stop expected yet: ")
                        + hazard(x));
    }

    private static String hazard(Situation x) {
        StintState s = x.stint();
        return StopHazard.explain(
                x.hazard(), s.lastLap, s.lastStopInLap, s.totalLaps, s.fieldStops);
    }

    static Optional<Verdict> raceOver(Situation x, StrategyParameters p) {
        return x.lapsRemaining() == 0 || x.status() == TrackStatus.CHEQUERED
                ? Optional.of(new Verdict(Call.STAY_OUT, "race over"))
                : Optional.empty();
    }

    static Optional<Verdict> redFlag(Situation x, StrategyParameters p) {
        return x.status() == TrackStatus.RED
                ? Optional.of(
                        new Verdict(
                                Call.STAY_OUT,
                                "red flag: tyres can be changed in the pit lane for free"))
                : Optional.empty();
    }

    static Optional<Verdict> cheapStopUnderSafetyCar(Situation x, StrategyParameters p) {
        StintState s = x.stint();
        boolean worthIt =
                x.toCliff() <= CHEAP_STOP_CLIFF_LAPS
                        || x.dueToRule()
                        || s.tyreAge >= nominalLifeLaps(compoundOf(s)) / 2;
        if (!(x.status().neutralised()
                && x.stopNeeded()
                && s.tyreAge >= MIN_AGE_FOR_CHEAP_STOP
                && x.lapsRemaining() > 2
                && worthIt)) {
            return Optional.empty();
        }
        double factor = x.status() == TrackStatus.SC ? p.scPitLossFactor() : p.vscPitLossFactor();
        return Optional.of(
                new Verdict(
                        Call.BOX_OPPORTUNITY,
                        String.format(
                                Locale.ROOT,
                                "%s: a stop costs ~%.0f s instead of %.0f s; %s %d laps old",
                                x.status(),
                                p.pitLossSeconds() * factor,
                                p.pitLossSeconds(),
                                tyres(s),
                                s.tyreAge)));
    }

    static Optional<Verdict> pastTheCliff(Situation x, StrategyParameters p) {
        StintState s = x.stint();
        if (!(x.stopNeeded() && cliffReached(s))) {
            return Optional.empty();
        }
        return Optional.of(
                new Verdict(
                        Call.BOX_NOW,
                        String.format(
                                Locale.ROOT,
                                "%s past the cliff: last two clean laps %.1f and %.1f s off"
                                        + " the stint's trend",
                                tyres(s),
                                s.previousResidual,
                                s.lastResidual)));
    }

    static Optional<Verdict> stopDue(Situation x, StrategyParameters p) {
        if (!(x.stopNeeded() && x.lapsToStop() < p.boxNowLapsToCliff())) {
            return Optional.empty();
        }
        StintState s = x.stint();
        String reason;
        if (x.balanced()) {
            reason =
                    String.format(
                            Locale.ROOT,
                            "best one-stop split: %s %d laps old, a fresh %s set to the"
                                    + " flag (%d laps)%s",
                            tyres(s),
                            s.tyreAge,
                            nextCompound(s),
                            x.lapsRemaining() - 1,
                            x.mustStopForRule() ? ", the mandatory compound change" : "");
        } else if (x.dueToRule()) {
            reason =
                    String.format(
                            Locale.ROOT,
                            "%d laps left and one compound used: last chance for the"
                                    + " mandatory change",
                            x.lapsRemaining());
        } else {
            reason =
                    String.format(
                            Locale.ROOT,
                            "%s %.1f laps from the cliff at %d laps old",
                            tyres(s),
                            x.toCliff(),
                            s.tyreAge);
        }
        return Optional.of(new Verdict(Call.BOX_NOW, reason));
    }

    static Optional<Verdict> windowOpen(Situation x, StrategyParameters p) {
        if (!(x.stopNeeded()
                && (x.probability() >= StrategyModel.PREPARE_PROBABILITY
                        || x.lapsToStop() < p.boxNowLapsToCliff() + p.pitWindowLaps()))) {
            return Optional.empty();
        }
        StintState s = x.stint();
        String plan;
        if (x.balanced()) {
            plan =
                    String.format(
                            Locale.ROOT,
                            "best one-stop split in ~%.0f laps, then %s to the flag",
                            x.balancedStop(),
                            nextCompound(s));
        } else if (x.dueToRule()) {
            plan = "mandatory compound change still to make";
        } else {
            plan = String.format(Locale.ROOT, "cliff in %.1f laps", x.toCliff());
        }
        String reason =
                String.format(
                        Locale.ROOT,
                        "pit window open: %.0f%% that the best stop is within %d laps, %s",
                        100 * x.probability(),
                        p.pitWindowLaps(),
                        plan);
        if (x.undercutThreat()) {
            reason +=
                    String.format(Locale.ROOT, "; undercut threat, car behind %.1f s", s.gapBehind);
        }
        if (x.undercutOpportunity()) {
            reason += String.format(Locale.ROOT, "; undercut on the car ahead, %.1f s", s.gapAhead);
        }
        return Optional.of(new Verdict(Call.PREPARE, reason));
    }

    static Verdict stayOut(Situation x) {
        StintState s = x.stint();
        String reason =
                !x.stopNeeded()
                        ? String.format(
                                Locale.ROOT,
                                "%s can reach the flag (%d laps left, cliff in %.0f)",
                                tyres(s),
                                x.lapsRemaining(),
                                x.toCliff())
                        : String.format(
                                Locale.ROOT,
                                "%s good for ~%.0f laps, degrading %.2f s/lap",
                                tyres(s),
                                x.toCliff(),
                                x.slope());
        return new Verdict(Call.STAY_OUT, reason);
    }
}
