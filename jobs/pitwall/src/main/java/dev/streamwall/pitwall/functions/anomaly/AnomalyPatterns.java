package dev.streamwall.pitwall.functions.anomaly;

import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.AlertType;
import dev.streamwall.pitwall.records.CarCondition;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * The CEP rules over per-second car conditions: sustained brake overheating, an engine temperature
 * excursion, a slow puncture (pressure falling below its partner's while the tyre heats up) and a
 * stuck sensor. Each rule knows how to describe its match as an {@link Alert}.
 */
public final class AnomalyPatterns {

    /**
     * A brake corner's per-second minimum this hot, °C: carbon brakes run 400-1000 °C in heavy
     * braking, so a whole second above it is heat that is not being shed.
     */
    public static final double BRAKE_OVERHEAT_C = 1000;

    /** Consecutive seconds of it that make the rule fire. */
    public static final int BRAKE_OVERHEAT_SECONDS = 5;

    /** A brake peak from which the alert is CRITICAL, °C. */
    public static final double BRAKE_CRITICAL_C = 1200;

    /** Mean engine (coolant) temperature over a second that counts as overheating, °C. */
    public static final double ENGINE_OVERHEAT_C = 125;

    public static final int ENGINE_OVERHEAT_SECONDS = 3;

    /** An engine peak from which the alert is CRITICAL, °C. */
    public static final double ENGINE_CRITICAL_C = 135;

    /** How far a tyre's pressure is below its axle partner's to start a puncture match, psi. */
    public static final double PUNCTURE_DEFICIT_PSI = 1.0;

    /** How much further it must fall within {@link #PUNCTURE_WITHIN} to complete it, psi. */
    public static final double PUNCTURE_DROP_PSI = 1.0;

    /** How much hotter than its partner the deflating tyre runs (a soft tyre flexes), °C. */
    public static final double PUNCTURE_TEMP_EXCESS_C = 3.0;

    public static final Duration PUNCTURE_WITHIN = Duration.ofSeconds(90);

    /** Seconds an analog channel repeats exactly the same value before it counts as stuck. */
    public static final int STUCK_SECONDS = 3;

    /** Thresholds of the rules; defaults sit well clear of a healthy car's range. */
    public record Thresholds(
            double brakeOverheatC,
            int brakeOverheatSeconds,
            double brakeCriticalC,
            double engineOverheatC,
            int engineOverheatSeconds,
            double engineCriticalC,
            double punctureDeficitPsi,
            double punctureDropPsi,
            double punctureTempExcessC,
            Duration punctureWithin,
            int stuckSeconds)
            implements Serializable {

        public static Thresholds defaults() {
            return new Thresholds(
                    BRAKE_OVERHEAT_C,
                    BRAKE_OVERHEAT_SECONDS,
                    BRAKE_CRITICAL_C,
                    ENGINE_OVERHEAT_C,
                    ENGINE_OVERHEAT_SECONDS,
                    ENGINE_CRITICAL_C,
                    PUNCTURE_DEFICIT_PSI,
                    PUNCTURE_DROP_PSI,
                    PUNCTURE_TEMP_EXCESS_C,
                    PUNCTURE_WITHIN,
                    STUCK_SECONDS);
        }
    }

    /**
     * One rule: a CEP pattern, the alert a match raises, and which conditions can take part in a
     * match at all ({@code null}: every condition counts, as in a rule of consecutive seconds,
     * where a condition that does not match ends a run).
     */
    public record Rule(
            AlertType type,
            Pattern<CarCondition, ?> pattern,
            ToAlert toAlert,
            FilterFunction<CarCondition> relevant) {

        Rule(AlertType type, Pattern<CarCondition, ?> pattern, ToAlert toAlert) {
            this(type, pattern, toAlert, null);
        }

        /** Whether matches must complete within a time ({@code within}). */
        public boolean bounded() {
            return pattern.getWindowSize().isPresent();
        }
    }

    private AnomalyPatterns() {}

    public static List<Rule> rules(Thresholds th) {
        return List.of(brakeOverheat(th), engineOverheat(th), slowPuncture(th), stuckSensor(th));
    }

    /**
     * The same rules, none with a {@code within}, for CEP in processing time over each car's
     * conditions in time order: the slow puncture as {@link #slowPunctureWithoutWindow}.
     */
    public static List<Rule> rulesWithoutWindows(Thresholds th) {
        return List.of(
                brakeOverheat(th),
                engineOverheat(th),
                slowPunctureWithoutWindow(th),
                stuckSensor(th));
    }

    static Rule brakeOverheat(Thresholds th) {
        Pattern<CarCondition, ?> p =
                Pattern.<CarCondition>begin("hot", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(SimpleCondition.of(c -> c.hotBrakeMin >= th.brakeOverheatC()))
                        .times(th.brakeOverheatSeconds())
                        .consecutive();
        return new Rule(
                AlertType.BRAKE_OVERHEAT,
                p,
                new ToAlert(AlertType.BRAKE_OVERHEAT) {
                    @Override
                    Alert describe(Map<String, List<CarCondition>> match) {
                        List<CarCondition> hot = match.get("hot");
                        double peak = hot.stream().mapToDouble(c -> c.hotBrakeMax).max().orElse(0);
                        double floor = hot.stream().mapToDouble(c -> c.hotBrakeMin).min().orElse(0);
                        CarCondition last = hot.get(hot.size() - 1);
                        return alert(
                                hot,
                                peak >= th.brakeCriticalC() ? "CRITICAL" : "WARNING",
                                String.format(
                                        Locale.ROOT,
                                        "brake %s above %.0f °C for %d s"
                                                + " (min %.0f, peak %.0f °C)",
                                        last.hotBrake.toUpperCase(Locale.ROOT),
                                        th.brakeOverheatC(),
                                        hot.size(),
                                        floor,
                                        peak));
                    }
                });
    }

    static Rule engineOverheat(Thresholds th) {
        Pattern<CarCondition, ?> p =
                Pattern.<CarCondition>begin("hot", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(SimpleCondition.of(c -> c.engineTempMean >= th.engineOverheatC()))
                        .times(th.engineOverheatSeconds())
                        .consecutive();
        return new Rule(
                AlertType.ENGINE_OVERHEAT,
                p,
                new ToAlert(AlertType.ENGINE_OVERHEAT) {
                    @Override
                    Alert describe(Map<String, List<CarCondition>> match) {
                        List<CarCondition> hot = match.get("hot");
                        double peak =
                                hot.stream().mapToDouble(c -> c.engineTempMax).max().orElse(0);
                        return alert(
                                hot,
                                peak >= th.engineCriticalC() ? "CRITICAL" : "WARNING",
                                String.format(
                                        Locale.ROOT,
                                        "engine above %.0f °C for %d s (peak %.1f °C)",
                                        th.engineOverheatC(),
                                        hot.size(),
                                        peak));
                    }
                });
    }

    static Rule slowPuncture(Thresholds th) {
        return slowPuncture(th, false);
    }

    /**
     * The slow-puncture rule without {@code within}, for CEP in processing time, where {@code
     * within} would count wall-clock time: the onset, then at most {@code punctureWithin} in
     * seconds of conditions that do not complete it, then the one that does, less than {@code
     * punctureWithin} after the onset by the conditions' times in the stream ({@code closedTs}). On
     * each car's conditions in time order (one a second) it makes the same matches as {@link
     * #slowPuncture} in event time ({@code AnomalyPatternsTest}), and a partial match ends after
     * that many seconds, as {@code within} ends it.
     */
    public static Rule slowPunctureWithoutWindow(Thresholds th) {
        return slowPuncture(th, true);
    }

    private static Rule slowPuncture(Thresholds th, boolean withoutWindow) {
        // Every second of deficit starts its own match: while the pressure keeps falling,
        // matches come every second and the alert stays open, where skipping past a match would
        // leave gaps of half a minute (the time to lose another psi) and split one puncture
        // into several alerts.
        // Both steps need a tyre short of its partner by the deficit and running hot: no other
        // condition can take part in a match, and the rule (followed-by, not next) skips them.
        FilterFunction<CarCondition> deflating =
                c ->
                        !c.inPit
                                && c.pressureDeficit >= th.punctureDeficitPsi()
                                && c.lowTyreTempExcess >= th.punctureTempExcessC();
        Pattern<CarCondition, CarCondition> start =
                Pattern.<CarCondition>begin("onset", AfterMatchSkipStrategy.noSkip())
                        .where(SimpleCondition.of(deflating));
        Pattern<CarCondition, ?> p =
                withoutWindow
                        ? start.next("between")
                                .where(new Worse(th, false, true))
                                .times(1, (int) th.punctureWithin().toSeconds())
                                .consecutive()
                                .optional()
                                .next("worse")
                                .where(new Worse(th, true, false))
                        : start.followedBy("worse")
                                .where(new Worse(th, false, false))
                                .within(th.punctureWithin());
        return new Rule(
                AlertType.SLOW_PUNCTURE,
                p,
                new ToAlert(AlertType.SLOW_PUNCTURE) {
                    @Override
                    Alert describe(Map<String, List<CarCondition>> match) {
                        CarCondition onset = match.get("onset").get(0);
                        CarCondition worse = match.get("worse").get(0);
                        return alert(
                                List.of(onset, worse),
                                "CRITICAL",
                                String.format(
                                        Locale.ROOT,
                                        "tyre %s losing pressure: %.2f → %.2f psi below its partner"
                                                + " in %.0f s, running %.1f °C hotter",
                                        worse.lowTyre.toUpperCase(Locale.ROOT),
                                        onset.pressureDeficit,
                                        worse.pressureDeficit,
                                        (worse.ts - onset.ts) / 1000.0,
                                        worse.lowTyreTempExcess));
                    }
                },
                withoutWindow ? null : deflating);
    }

    /**
     * Whether a condition completes the slow-puncture match its onset began: the same tyre, a
     * further {@code punctureDropPsi} below its partner, still hotter; {@code timed}: also less
     * than {@code punctureWithin} after the onset, by the times the conditions carry in the stream
     * (as {@code within} measures in event time); {@code negated}: whether it does not.
     */
    private static final class Worse extends IterativeCondition<CarCondition> {
        private static final long serialVersionUID = 1L;
        private final Thresholds th;
        private final boolean timed;
        private final boolean negated;

        Worse(Thresholds th, boolean timed, boolean negated) {
            this.th = th;
            this.timed = timed;
            this.negated = negated;
        }

        @Override
        public boolean filter(CarCondition c, Context<CarCondition> ctx) throws Exception {
            for (CarCondition onset : ctx.getEventsForPattern("onset")) {
                boolean worse =
                        !c.inPit
                                && c.lowTyre.equals(onset.lowTyre)
                                && c.pressureDeficit >= onset.pressureDeficit + th.punctureDropPsi()
                                && c.lowTyreTempExcess >= th.punctureTempExcessC()
                                && (!timed
                                        || c.closedTs - onset.closedTs
                                                < th.punctureWithin().toMillis());
                return worse != negated;
            }
            return false;
        }
    }

    static Rule stuckSensor(Thresholds th) {
        Pattern<CarCondition, ?> p =
                Pattern.<CarCondition>begin("stuck", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(
                                new IterativeCondition<>() {
                                    @Override
                                    public boolean filter(CarCondition c, Context<CarCondition> ctx)
                                            throws Exception {
                                        if (c.stuckChannel == null) {
                                            return false;
                                        }
                                        for (CarCondition first :
                                                ctx.getEventsForPattern("stuck")) {
                                            return c.stuckChannel.equals(first.stuckChannel)
                                                    && c.stuckSinceTs == first.stuckSinceTs;
                                        }
                                        return true;
                                    }
                                })
                        .times(th.stuckSeconds())
                        .consecutive();
        return new Rule(
                AlertType.STUCK_SENSOR,
                p,
                new ToAlert(AlertType.STUCK_SENSOR) {
                    @Override
                    Alert describe(Map<String, List<CarCondition>> match) {
                        List<CarCondition> stuck = match.get("stuck");
                        CarCondition last = stuck.get(stuck.size() - 1);
                        Alert a =
                                alert(
                                        stuck,
                                        "WARNING",
                                        String.format(
                                                Locale.ROOT,
                                                "%s reads exactly %s for %.1f s",
                                                last.stuckChannel,
                                                last.stuckValue,
                                                (last.ts - last.stuckSinceTs) / 1000.0));
                        a.startTs = last.stuckSinceTs;
                        return a;
                    }
                });
    }

    /**
     * Turns a match into an alert candidate; the alert tracker decides whether it opens or extends
     * one.
     */
    public abstract static class ToAlert extends PatternProcessFunction<CarCondition, Alert> {
        private static final long serialVersionUID = 1L;
        final AlertType type;

        ToAlert(AlertType type) {
            this.type = type;
        }

        abstract Alert describe(Map<String, List<CarCondition>> match);

        @Override
        public void processMatch(
                Map<String, List<CarCondition>> match, Context ctx, Collector<Alert> out) {
            out.collect(describe(match));
        }

        Alert alert(List<CarCondition> events, String severity, String evidence) {
            CarCondition first = events.get(0);
            CarCondition last = events.get(events.size() - 1);
            Alert a = new Alert();
            a.raceId = last.raceId;
            a.car = last.car;
            a.driver = last.driver;
            a.type = type.name();
            a.severity = severity;
            a.startTs = first.firstTs;
            a.endTs = last.ts;
            a.lap = last.lap;
            a.evidence = evidence;
            return a;
        }
    }
}
