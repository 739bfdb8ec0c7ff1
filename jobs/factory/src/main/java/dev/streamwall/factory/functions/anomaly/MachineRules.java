package dev.streamwall.factory.functions.anomaly;

import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.MaintenanceAlert;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * The CEP rules over one machine's anomaly episodes: a vibration anomaly followed by a temperature
 * anomaly (predictive maintenance: a bearing wearing out), a sustained temperature anomaly
 * (overheating), a sustained pressure drop (leak), a stuck sensor, and, for sensors none of these
 * knows, any level anomaly or spike (ANOMALY). Spikes of the known sensors never match: they are
 * not sustained. "Sustained" is an episode still open at its first heartbeat (a minute, or ten of
 * the series' steps when it samples slower), so the rules hold at any sampling rate. Each rule
 * describes its match as an alert candidate with severity and evidence.
 */
public final class MachineRules {

    public static final String TEMP = "temp";
    public static final String VIBRATION = "vibration";
    public static final String PRESSURE = "pressure";

    /** Bounds and severities of the rules. */
    public record Thresholds(
            Duration maintenanceWithin,
            double criticalTempC,
            double criticalVibrationMmS,
            double criticalPressureBar)
            implements Serializable {

        /**
         * Vibration 7.1 mm/s is the ISO 10816-3 zone C/D boundary (damage likely); 95 °C and 2 bar
         * sit beyond the seed's normal ranges (60-90 °C, 2-6 bar).
         */
        public static Thresholds defaults() {
            return new Thresholds(Duration.ofHours(3), 95, 7.1, 2.0);
        }
    }

    /** One rule: a CEP pattern and the alert candidate a match raises. */
    public record Rule(
            String type,
            Pattern<Anomaly, ?> pattern,
            PatternProcessFunction<Anomaly, MaintenanceAlert> toAlert) {}

    private MachineRules() {}

    public static List<Rule> rules(Thresholds th) {
        return List.of(
                predictiveMaintenance(th),
                overheating(th),
                pressureLeak(th),
                stuckSensor(),
                anomaly());
    }

    static boolean is(Anomaly a, String sensor, String kind) {
        return a.open() && sensor.equals(a.sensor) && kind.equals(a.kind);
    }

    /** An episode of {@code sensor} and {@code kind} still open at its first heartbeat or later. */
    static boolean sustained(Anomaly a, String sensor, String kind) {
        return is(a, sensor, kind) && a.phase == Anomaly.Phase.ONGOING;
    }

    /** Sensors the named rules know (their episodes are judged by those rules). */
    static boolean known(String sensor) {
        return TEMP.equals(sensor) || VIBRATION.equals(sensor) || PRESSURE.equals(sensor);
    }

    static Rule predictiveMaintenance(Thresholds th) {
        Pattern<Anomaly, ?> p =
                Pattern.<Anomaly>begin("vibration", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(SimpleCondition.of(a -> is(a, VIBRATION, Anomaly.HIGH)))
                        .followedBy("temperature")
                        .where(SimpleCondition.of(a -> is(a, TEMP, Anomaly.HIGH)))
                        .within(th.maintenanceWithin());
        return new Rule(
                MaintenanceAlert.PREDICTIVE_MAINTENANCE,
                p,
                new ToAlert(MaintenanceAlert.PREDICTIVE_MAINTENANCE, 0) {
                    @Override
                    MaintenanceAlert describe(Map<String, List<Anomaly>> match) {
                        Anomaly vib = match.get("vibration").get(0);
                        Anomaly temp = match.get("temperature").get(0);
                        boolean critical =
                                vib.value >= th.criticalVibrationMmS()
                                        || temp.value >= th.criticalTempC();
                        return alert(
                                vib.startTs,
                                temp,
                                VIBRATION + "+" + TEMP,
                                critical ? "CRITICAL" : "WARNING",
                                String.format(
                                        Locale.ROOT,
                                        "bearing wear suspected: vibration %.2f mm/s (baseline %.2f,"
                                                + " z %.1f) since %s, then temperature %.1f °C"
                                                + " (baseline %.1f, z %.1f) %d min later",
                                        vib.value,
                                        vib.baseline,
                                        vib.peakZ,
                                        Instant.ofEpochMilli(vib.startTs),
                                        temp.value,
                                        temp.baseline,
                                        temp.z,
                                        (temp.startTs - vib.startTs) / 60_000));
                    }
                });
    }

    static Rule overheating(Thresholds th) {
        Pattern<Anomaly, ?> p =
                Pattern.<Anomaly>begin("hot", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(SimpleCondition.of(a -> sustained(a, TEMP, Anomaly.HIGH)));
        return new Rule(
                MaintenanceAlert.OVERHEATING,
                p,
                new ToAlert(MaintenanceAlert.OVERHEATING, 1) {
                    @Override
                    MaintenanceAlert describe(Map<String, List<Anomaly>> match) {
                        List<Anomaly> hot = match.get("hot");
                        Anomaly last = hot.get(hot.size() - 1);
                        return alert(
                                hot.get(0).startTs,
                                last,
                                TEMP,
                                last.value >= th.criticalTempC() ? "CRITICAL" : "WARNING",
                                String.format(
                                        Locale.ROOT,
                                        "temperature %.1f °C, %.1f above its baseline %.1f (z %.1f)"
                                                + " for %d s",
                                        last.value,
                                        last.value - last.baseline,
                                        last.baseline,
                                        last.z,
                                        (last.ts - last.startTs) / 1000));
                    }
                });
    }

    static Rule pressureLeak(Thresholds th) {
        Pattern<Anomaly, ?> p =
                Pattern.<Anomaly>begin("drop", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(SimpleCondition.of(a -> sustained(a, PRESSURE, Anomaly.LOW)));
        return new Rule(
                MaintenanceAlert.PRESSURE_LEAK,
                p,
                new ToAlert(MaintenanceAlert.PRESSURE_LEAK, 1) {
                    @Override
                    MaintenanceAlert describe(Map<String, List<Anomaly>> match) {
                        List<Anomaly> drop = match.get("drop");
                        Anomaly last = drop.get(drop.size() - 1);
                        return alert(
                                drop.get(0).startTs,
                                last,
                                PRESSURE,
                                last.value < th.criticalPressureBar() ? "CRITICAL" : "WARNING",
                                String.format(
                                        Locale.ROOT,
                                        "pressure %.2f bar, %.2f below its baseline %.2f (z %.1f),"
                                                + " falling for %d s over %d readings",
                                        last.value,
                                        last.baseline - last.value,
                                        last.baseline,
                                        last.z,
                                        (last.ts - last.startTs) / 1000,
                                        last.readings));
                    }
                });
    }

    static Rule stuckSensor() {
        Pattern<Anomaly, ?> p =
                Pattern.<Anomaly>begin("stuck", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(SimpleCondition.of(a -> a.open() && Anomaly.STUCK.equals(a.kind)));
        return new Rule(
                MaintenanceAlert.STUCK_SENSOR,
                p,
                new ToAlert(MaintenanceAlert.STUCK_SENSOR, 1) {
                    @Override
                    MaintenanceAlert describe(Map<String, List<Anomaly>> match) {
                        Anomaly a = match.get("stuck").get(0);
                        return alert(
                                a.startTs,
                                a,
                                a.sensor,
                                "WARNING",
                                String.format(
                                        Locale.ROOT,
                                        "%s reads exactly %s for %d readings (%d s)",
                                        a.sensor,
                                        a.value,
                                        a.readings,
                                        (a.ts - a.startTs) / 1000));
                    }
                });
    }

    static Rule anomaly() {
        Pattern<Anomaly, ?> p =
                Pattern.<Anomaly>begin("anomaly", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(
                                SimpleCondition.of(
                                        a ->
                                                !known(a.sensor)
                                                        && (a.open()
                                                                        && (Anomaly.HIGH.equals(
                                                                                        a.kind)
                                                                                || Anomaly.LOW
                                                                                        .equals(
                                                                                                a.kind))
                                                                || Anomaly.SPIKE.equals(a.kind))));
        return new Rule(
                MaintenanceAlert.ANOMALY,
                p,
                new ToAlert(MaintenanceAlert.ANOMALY, 2) {
                    @Override
                    MaintenanceAlert describe(Map<String, List<Anomaly>> match) {
                        Anomaly a = match.get("anomaly").get(0);
                        return alert(
                                a.startTs,
                                a,
                                a.sensor,
                                a.score >= 0.9 ? "CRITICAL" : "WARNING",
                                String.format(
                                        Locale.ROOT,
                                        "%s %s: %.5g against its baseline %.5g (z %.1f; anomaly"
                                                + " likelihood score %.2f, %s)",
                                        a.sensor,
                                        Anomaly.SPIKE.equals(a.kind)
                                                ? "spiked"
                                                : Anomaly.HIGH.equals(a.kind)
                                                        ? "level high"
                                                        : "level low",
                                        a.value,
                                        a.baseline,
                                        a.z,
                                        a.score,
                                        a.score >= 1
                                                ? "rarer than 1 in 10^10 for this series"
                                                : String.format(
                                                        Locale.ROOT,
                                                        "about 1 in %.0g for this series",
                                                        Math.pow(10, 10 * a.score))));
                    }
                });
    }

    /**
     * Turns a match into an alert candidate; the tracker decides whether it opens or extends one.
     */
    abstract static class ToAlert extends PatternProcessFunction<Anomaly, MaintenanceAlert> {
        private static final long serialVersionUID = 1L;
        final String type;
        final int priority;

        ToAlert(String type, int priority) {
            this.type = type;
            this.priority = priority;
        }

        abstract MaintenanceAlert describe(Map<String, List<Anomaly>> match);

        @Override
        public void processMatch(
                Map<String, List<Anomaly>> match, Context ctx, Collector<MaintenanceAlert> out) {
            out.collect(describe(match));
        }

        MaintenanceAlert alert(
                long startTs, Anomaly last, String sensor, String severity, String evidence) {
            MaintenanceAlert a = new MaintenanceAlert();
            a.machine = last.machine;
            a.type = type;
            a.sensor = sensor;
            a.severity = severity;
            a.startTs = startTs;
            a.raisedTs = last.ts;
            a.endTs = last.ts;
            a.evidence = evidence;
            a.priority = priority;
            a.receivedAt = last.receivedAt;
            return a;
        }
    }
}
