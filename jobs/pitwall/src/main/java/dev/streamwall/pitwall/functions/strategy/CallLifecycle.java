package dev.streamwall.pitwall.functions.strategy;

import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.Call;
import dev.streamwall.pitwall.records.StintOutlook;
import dev.streamwall.pitwall.records.StrategyDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a car's lap-by-lap outlook into the decisions a pit wall acts on: one call per stop, with a
 * lifecycle. A call opens as PREPARE with the window of in-laps the model expects (or straight away
 * as BOX_NOW / BOX_OPPORTUNITY), advances to BOX_NOW once, and closes as PITTED when the car stops
 * or WITHDRAWN when the model no longer wants the stop (the tyres reach the flag, the
 * neutralisation that made it cheap ended, the race is over). Laps on which nothing changes make no
 * decision, so a call is never repeated lap after lap. The open call lives in {@link StintState}.
 */
final class CallLifecycle {

    private CallLifecycle() {}

    /**
     * The steps the outlook {@code o} takes the car's call through, in order (none, one, or a close
     * and an open); a stint past the open call's means the car stopped.
     */
    static List<StrategyDecision> advance(StintState s, StintOutlook o) {
        List<StrategyDecision> steps = new ArrayList<>(2);
        if (s.openCall != null && s.stint > s.openCallStint) {
            steps.add(close(s, o, StrategyDecision.PITTED, pittedReason(s), s.lastStopInLap));
        }
        boolean over = o.lapsRemaining == 0 || TrackStatus.CHEQUERED.name().equals(o.trackStatus);
        if (over) {
            if (s.openCall != null) {
                steps.add(close(s, o, StrategyDecision.WITHDRAWN, "race over without a stop", 0));
            }
            return steps;
        }
        Call call = Call.valueOf(o.call);
        String open = s.openCall;
        switch (call) {
            case BOX_NOW, BOX_OPPORTUNITY -> {
                // Once: a box call already made stands until the car stops.
                if (open == null || open.equals(Call.PREPARE.name())) {
                    steps.add(open(s, o, call));
                }
            }
            case PREPARE -> {
                if (Call.BOX_OPPORTUNITY.name().equals(open)) {
                    steps.add(neutralisationOver(s, o));
                    open = null;
                }
                if (open == null) {
                    steps.add(open(s, o, Call.PREPARE));
                }
            }
            case STAY_OUT -> {
                if (open == null) {
                    break;
                }
                if (o.windowFrom == null) {
                    // No stop needed any more: the model's reason says why.
                    String why = o.lapsRemaining <= 1 ? "too late to stop: the last lap" : o.reason;
                    steps.add(close(s, o, StrategyDecision.WITHDRAWN, why, 0));
                } else if (open.equals(Call.BOX_OPPORTUNITY.name())) {
                    steps.add(neutralisationOver(s, o));
                }
                // A PREPARE or BOX_NOW whose stop is still needed stands: a probability that
                // dips for a lap is no reason to call it off.
            }
        }
        return steps;
    }

    private static StrategyDecision neutralisationOver(StintState s, StintOutlook o) {
        return close(
                s, o, StrategyDecision.WITHDRAWN, "the neutralisation ended without a stop", 0);
    }

    private static StrategyDecision open(StintState s, StintOutlook o, Call call) {
        StrategyDecision d = decision(s, o, s.stint, call.name(), o.reason);
        boolean box = call != Call.PREPARE;
        d.fromLap = box || o.windowFrom == null ? o.lap : o.windowFrom;
        d.toLap = box || o.windowTo == null ? o.lap : o.windowTo;
        s.openCall = call.name();
        s.openCallStint = s.stint;
        s.openCallLap = o.lap;
        s.openFromLap = d.fromLap;
        s.openToLap = d.toLap;
        return d;
    }

    private static StrategyDecision close(
            StintState s, StintOutlook o, String step, String reason, int inLap) {
        StrategyDecision d = decision(s, o, s.openCallStint, step, reason);
        if (inLap > 0) {
            d.fromLap = inLap;
            d.toLap = inLap;
        }
        s.openCall = null;
        return d;
    }

    private static String pittedReason(StintState s) {
        int inLap = s.lastStopInLap;
        String against;
        if (!s.openCall.equals(Call.PREPARE.name())) {
            against =
                    inLap >= s.openCallLap
                            ? String.format(
                                    Locale.ROOT,
                                    "%d laps after the %s call on lap %d",
                                    inLap - s.openCallLap,
                                    s.openCall,
                                    s.openCallLap)
                            : String.format(
                                    Locale.ROOT,
                                    "before the %s call on lap %d (the call came late)",
                                    s.openCall,
                                    s.openCallLap);
        } else if (inLap < s.openFromLap) {
            against =
                    String.format(
                            Locale.ROOT,
                            "%d laps before the window %d-%d",
                            s.openFromLap - inLap,
                            s.openFromLap,
                            s.openToLap);
        } else if (inLap > s.openToLap) {
            against =
                    String.format(
                            Locale.ROOT,
                            "%d laps after the window %d-%d",
                            inLap - s.openToLap,
                            s.openFromLap,
                            s.openToLap);
        } else {
            against =
                    String.format(
                            Locale.ROOT, "inside the window %d-%d", s.openFromLap, s.openToLap);
        }
        return String.format(Locale.ROOT, "pitted at the end of lap %d, %s", inLap, against);
    }

    private static StrategyDecision decision(
            StintState s, StintOutlook o, int stint, String call, String reason) {
        StrategyDecision d = new StrategyDecision();
        d.callId = s.raceId + "/" + s.car + "/" + stint;
        d.raceId = o.raceId;
        d.car = o.car;
        d.driver = o.driver;
        d.lap = o.lap;
        d.ts = o.ts;
        d.trigger = o.trigger;
        d.call = call;
        d.probability = o.pitWindowProbability;
        d.reason = reason;
        d.stint = stint;
        d.tyreCompound = o.tyreCompound;
        d.tyreAge = o.tyreAge;
        d.lapsRemaining = o.lapsRemaining;
        d.trackStatus = o.trackStatus;
        d.position = o.position;
        return d;
    }
}
