package dev.streamwall.runner.factory;

import dev.streamwall.runner.BoardSql;
import dev.streamwall.runner.DemoEndpoints;
import dev.streamwall.runner.SqlBoard;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The terminal plant board: each machine's health (anomaly score per sensor over the latest
 * statistics window), the machines most at risk, open maintenance alerts and open anomalies, read
 * from the factory job's tables.
 */
public final class PlantBoard extends SqlBoard<PlantBoard.Snapshot> {

    static final String HEALTH_SQL =
            "SELECT DISTINCT ON (machine, sensor) machine, sensor, window_end, mean, max_score"
                    + " FROM sensor_stats"
                    + " WHERE window_end >= (SELECT max(window_end) FROM sensor_stats WHERE window_end >= ?)"
                    + "   - interval '2 minutes'"
                    + " ORDER BY machine, sensor, window_end DESC";

    static final String ALERTS_SQL =
            "SELECT machine, type, severity, ts, start_ts, end_ts, evidence FROM maintenance_alerts"
                    + " WHERE status = 'OPEN' AND ts >= ? ORDER BY ts";

    static final String ANOMALIES_SQL =
            "SELECT machine, sensor, kind, ts, end_ts, value, baseline, z FROM machine_anomalies"
                    + " WHERE status = 'OPEN' AND kind <> 'SPIKE' AND ts >= ? ORDER BY ts";

    static final String SPIKES_SQL =
            "SELECT 'spikes', count(*) FROM machine_anomalies WHERE kind = 'SPIKE' AND ts >= ?";

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final List<String> SENSORS = List.of("temp", "vibration", "pressure");

    /** One sensor's latest window. */
    public record SensorHealth(String sensor, double mean, double score) {}

    /** An open alert. */
    public record AlertRow(
            String machine,
            String type,
            String severity,
            Instant ts,
            Instant start,
            String evidence) {}

    /** An open anomaly episode. */
    public record AnomalyRow(
            String machine,
            String sensor,
            String kind,
            Instant ts,
            double value,
            double baseline,
            double z) {}

    /** Everything one screen shows. */
    public record Snapshot(
            Instant clock,
            Map<String, Map<String, SensorHealth>> health,
            List<AlertRow> alerts,
            List<AnomalyRow> anomalies,
            long spikes) {}

    private final Instant plantStart;

    public PlantBoard(DemoEndpoints endpoints, Instant plantStart) throws SQLException {
        super(BoardSql.connect(endpoints));
        this.plantStart = plantStart;
    }

    @Override
    public Snapshot read() throws SQLException {
        record Window(Instant end, String machine, SensorHealth health) {}
        Map<String, Map<String, SensorHealth>> health = new TreeMap<>();
        Instant clock = null;
        for (Window w :
                BoardSql.rows(
                        connection,
                        HEALTH_SQL,
                        rs ->
                                new Window(
                                        BoardSql.instant(rs, "window_end"),
                                        rs.getString("machine"),
                                        new SensorHealth(
                                                rs.getString("sensor"),
                                                rs.getDouble("mean"),
                                                rs.getDouble("max_score"))),
                        plantStart)) {
            clock = clock == null || w.end().isAfter(clock) ? w.end() : clock;
            health.computeIfAbsent(w.machine(), m -> new TreeMap<>())
                    .put(w.health().sensor(), w.health());
        }
        List<AlertRow> alerts =
                BoardSql.rows(
                        connection,
                        ALERTS_SQL,
                        rs ->
                                new AlertRow(
                                        rs.getString("machine"),
                                        rs.getString("type"),
                                        rs.getString("severity"),
                                        BoardSql.instant(rs, "ts"),
                                        BoardSql.instant(rs, "start_ts"),
                                        rs.getString("evidence")),
                        plantStart);
        List<AnomalyRow> anomalies =
                BoardSql.rows(
                        connection,
                        ANOMALIES_SQL,
                        rs ->
                                new AnomalyRow(
                                        rs.getString("machine"),
                                        rs.getString("sensor"),
                                        rs.getString("kind"),
                                        BoardSql.instant(rs, "ts"),
                                        rs.getDouble("value"),
                                        rs.getDouble("baseline"),
                                        rs.getDouble("z")),
                        plantStart);
        long spikes =
                BoardSql.countBy(connection, SPIKES_SQL, plantStart).getOrDefault("spikes", 0L);
        return new Snapshot(clock, health, alerts, anomalies, spikes);
    }

    /**
     * A machine's risk 0..1: its highest sensor score, raised to at least 0.9 by an open alert (1.0
     * when critical).
     */
    static double risk(Snapshot s, String machine) {
        double r = 0;
        for (SensorHealth h : s.health().getOrDefault(machine, Map.of()).values()) {
            r = Math.max(r, h.score());
        }
        for (AlertRow a : s.alerts()) {
            if (a.machine().equals(machine)) {
                r = Math.max(r, "CRITICAL".equals(a.severity()) ? 1.0 : 0.9);
            }
        }
        return r;
    }

    /**
     * One character per sensor score: {@code .} healthy, {@code -} watch, {@code +} anomalous,
     * {@code #} alarm.
     */
    static char level(SensorHealth h) {
        if (h == null) {
            return ' ';
        }
        double s = h.score();
        return s < 0.2 ? '.' : s < 0.5 ? '-' : s < 0.8 ? '+' : '#';
    }

    public static List<String> render(Snapshot s, String header, int width) {
        List<String> out = new ArrayList<>();
        out.add(
                String.format(
                        Locale.ROOT,
                        "%s   plant clock %s UTC",
                        header,
                        s.clock() == null ? "--:--:--" : CLOCK.format(s.clock())));
        out.add(
                String.format(
                        Locale.ROOT,
                        "machines %d   open alerts %d   open anomalies %d   noise spikes %,d",
                        s.health().size(),
                        s.alerts().size(),
                        s.anomalies().size(),
                        s.spikes()));
        out.add("");
        out.add("MOST AT RISK  temp °C      vib mm/s     press bar    open alert");
        List<String> ranked = new ArrayList<>(s.health().keySet());
        ranked.sort(
                Comparator.comparingDouble((String m) -> -risk(s, m))
                        .thenComparing(Comparator.naturalOrder()));
        for (String m : ranked.subList(0, Math.min(5, ranked.size()))) {
            Map<String, SensorHealth> h = s.health().get(m);
            String alert =
                    s.alerts().stream()
                            .filter(a -> a.machine().equals(m))
                            .map(a -> a.type())
                            .findFirst()
                            .orElse("");
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  %-5s %4.2f  %s  %s  %s  %s",
                            m,
                            risk(s, m),
                            cell(h.get("temp"), "%5.1f"),
                            cell(h.get("vibration"), "%5.2f"),
                            cell(h.get("pressure"), "%5.2f"),
                            alert));
        }
        out.add("");
        out.add("MAINTENANCE ALERTS (open)");
        if (s.alerts().isEmpty()) {
            out.add("  none");
        }
        for (AlertRow a : s.alerts()) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  %s %-5s %-22s %-8s %s",
                            CLOCK.format(a.ts()),
                            a.machine(),
                            a.type(),
                            a.severity(),
                            a.evidence()));
        }
        out.add("");
        out.add("OPEN ANOMALIES (sustained; spikes are counted above, not listed)");
        if (s.anomalies().isEmpty()) {
            out.add("  none");
        }
        int shown = 0;
        for (AnomalyRow a : s.anomalies()) {
            if (shown++ == 8) {
                out.add(String.format(Locale.ROOT, "  ... %d more", s.anomalies().size() - 8));
                break;
            }
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  since %s %-5s %-9s %-5s value %.2f (baseline %.2f, z %+.1f)",
                            CLOCK.format(a.ts()),
                            a.machine(),
                            a.sensor(),
                            a.kind(),
                            a.value(),
                            a.baseline(),
                            a.z()));
        }
        out.add("");
        out.add(
                "MACHINE HEALTH  temp/vibration/pressure score, latest 5 min:  . <0.2  - <0.5  + <0.8  # alarm");
        StringBuilder line = new StringBuilder(" ");
        int cellWidth = 9;
        for (Map.Entry<String, Map<String, SensorHealth>> e : s.health().entrySet()) {
            if (line.length() + cellWidth > width) {
                out.add(line.toString());
                line = new StringBuilder(" ");
            }
            StringBuilder c = new StringBuilder(" ").append(e.getKey()).append(' ');
            for (String sensor : SENSORS) {
                c.append(level(e.getValue().get(sensor)));
            }
            line.append(String.format(Locale.ROOT, "%-" + cellWidth + "s", c));
        }
        if (line.length() > 1) {
            out.add(line.toString());
        }
        return BoardSql.fit(out, width);
    }

    private static String cell(SensorHealth h, String format) {
        if (h == null) {
            return String.format(Locale.ROOT, "%-11s", "-");
        }
        return String.format(Locale.ROOT, format + " (%.2f)", h.mean(), h.score());
    }

    @Override
    protected List<String> lines(Snapshot s, String header, int width) {
        return render(s, header, width);
    }

    @Override
    protected String statusOf(Snapshot s) {
        return String.format(
                Locale.ROOT,
                "plant clock %s   open alerts %d   open anomalies %d",
                s.clock() == null ? "--:--:--" : CLOCK.format(s.clock()),
                s.alerts().size(),
                s.anomalies().size());
    }

    @Override
    public Map<String, String> summary(String metrics) throws SQLException {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(
                "anomaly episodes by kind",
                counts(
                        "SELECT kind, count(*) FROM machine_anomalies WHERE ts >= ?"
                                + " GROUP BY kind ORDER BY kind",
                        plantStart));
        lines.put(
                "alerts by type",
                counts(
                        "SELECT type, count(*) FROM maintenance_alerts WHERE ts >= ?"
                                + " GROUP BY type ORDER BY type",
                        plantStart));
        return lines;
    }
}
