package dev.streamwall.scenarios.factory;

import dev.streamwall.factory.records.MaintenanceAlert;
import dev.streamwall.generators.factory.FactoryFaultType;
import dev.streamwall.generators.factory.FactoryLabel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches alerts with labelled faults and scores the detection per fault type: precision (alerts
 * that point at a real fault of their type), recall (faults that got such an alert) and the median
 * delay from the fault's onset to the alert being raised (event time).
 *
 * <p>An alert matches a label when its type is the fault's alert type, it is on the same machine
 * (and sensor, for a stuck sensor), and it was raised between the fault's onset and its end plus
 * {@code slack}. Noise spikes are not faults: an alert they cause matches nothing.
 */
public final class DetectionScore {

    /** The figures of one fault type. */
    public record Row(
            FactoryFaultType fault,
            int faults,
            int detected,
            int alerts,
            int matchedAlerts,
            Duration medianDelay) {

        public double precision() {
            return alerts == 0 ? 1.0 : matchedAlerts / (double) alerts;
        }

        public double recall() {
            return faults == 0 ? 1.0 : detected / (double) faults;
        }
    }

    private final Map<FactoryFaultType, Row> rows;

    private DetectionScore(Map<FactoryFaultType, Row> rows) {
        this.rows = rows;
    }

    /** The alert type that answers a fault type. */
    public static String alertTypeOf(FactoryFaultType fault) {
        return switch (fault) {
            case BEARING_WEAR -> MaintenanceAlert.PREDICTIVE_MAINTENANCE;
            case OVERHEATING -> MaintenanceAlert.OVERHEATING;
            case PRESSURE_LEAK -> MaintenanceAlert.PRESSURE_LEAK;
            case STUCK_SENSOR -> MaintenanceAlert.STUCK_SENSOR;
            case NOISE_SPIKE -> null;
        };
    }

    /** Scores alerts (each alert once: the first state seen of every alert id) against labels. */
    public static DetectionScore score(
            Collection<FactoryLabel> labels, Collection<MaintenanceAlert> alerts, Duration slack) {
        Map<String, MaintenanceAlert> byId = new LinkedHashMap<>();
        for (MaintenanceAlert a : alerts) {
            byId.putIfAbsent(a.alertId, a);
        }
        Map<FactoryFaultType, Row> rows = new EnumMap<>(FactoryFaultType.class);
        for (FactoryFaultType fault : FactoryFaultType.values()) {
            String type = alertTypeOf(fault);
            if (type == null) {
                continue;
            }
            List<FactoryLabel> faults = labels.stream().filter(l -> l.type() == fault).toList();
            List<MaintenanceAlert> ofType =
                    byId.values().stream().filter(a -> type.equals(a.type)).toList();
            int detected = 0;
            List<Long> delays = new ArrayList<>();
            for (FactoryLabel l : faults) {
                long first = Long.MAX_VALUE;
                for (MaintenanceAlert a : ofType) {
                    if (matches(l, a, slack)) {
                        first = Math.min(first, a.raisedTs);
                    }
                }
                if (first != Long.MAX_VALUE) {
                    detected++;
                    delays.add(first - l.startTs);
                }
            }
            int matched = 0;
            for (MaintenanceAlert a : ofType) {
                if (faults.stream().anyMatch(l -> matches(l, a, slack))) {
                    matched++;
                }
            }
            rows.put(
                    fault,
                    new Row(
                            fault,
                            faults.size(),
                            detected,
                            ofType.size(),
                            matched,
                            median(delays)));
        }
        return new DetectionScore(rows);
    }

    static boolean matches(FactoryLabel l, MaintenanceAlert a, Duration slack) {
        if (!l.machine.equals(a.machine) || !alertTypeOf(l.type()).equals(a.type)) {
            return false;
        }
        if (l.type() == FactoryFaultType.STUCK_SENSOR && !l.sensor.equals(a.sensor)) {
            return false;
        }
        return a.raisedTs >= l.startTs && a.raisedTs <= l.endTs + slack.toMillis();
    }

    private static Duration median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        int m = sorted.size() / 2;
        long v = sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
        return Duration.ofMillis(v);
    }

    public Row row(FactoryFaultType fault) {
        return rows.get(fault);
    }

    public Collection<Row> rows() {
        return rows.values();
    }

    /** Over all fault types. */
    public double precision() {
        int alerts = rows.values().stream().mapToInt(Row::alerts).sum();
        int matched = rows.values().stream().mapToInt(Row::matchedAlerts).sum();
        return alerts == 0 ? 1.0 : matched / (double) alerts;
    }

    public double recall() {
        int faults = rows.values().stream().mapToInt(Row::faults).sum();
        int detected = rows.values().stream().mapToInt(Row::detected).sum();
        return faults == 0 ? 1.0 : detected / (double) faults;
    }

    /** A table for people. */
    public List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(
                String.format(
                        Locale.ROOT,
                        "%-14s %6s %8s %6s %9s %7s %13s",
                        "fault",
                        "faults",
                        "detected",
                        "alerts",
                        "precision",
                        "recall",
                        "median delay"));
        for (Row r : rows.values()) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "%-14s %6d %8d %6d %9.2f %7.2f %13s",
                            r.fault().name().toLowerCase(Locale.ROOT),
                            r.faults(),
                            r.detected(),
                            r.alerts(),
                            r.precision(),
                            r.recall(),
                            minutes(r.medianDelay())));
        }
        lines.add(
                String.format(
                        Locale.ROOT,
                        "%-14s %6d %8d %6d %9.2f %7.2f",
                        "all",
                        rows.values().stream().mapToInt(Row::faults).sum(),
                        rows.values().stream().mapToInt(Row::detected).sum(),
                        rows.values().stream().mapToInt(Row::alerts).sum(),
                        precision(),
                        recall()));
        return lines;
    }

    private static String minutes(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1f min", d.toMillis() / 60_000.0);
    }
}
