package dev.streamwall.runner.pitwall;

import dev.streamwall.runner.BoardSql;
import dev.streamwall.runner.SqlBoard;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal pit-wall board: reads the latest state of every car from the job's tables
 * (telemetry, laps, strategy decisions, alerts) and renders one screen.
 */
public final class PitBoard extends SqlBoard<PitBoard.Snapshot> {

    static final String CARS_SQL =
            "SELECT c.car, t.ts, t.driver, t.team, t.lap, t.total_laps, t.position, t.tyre_compound, t.tyre_age,"
                    + " t.tyre_wear, t.speed, t.in_pit, t.track_status, t.gap_ahead, l.lap_time_ms,"
                    // PREPARE with the in-laps the model expects the stop in, e.g. PREPARE 21-24.
                    + " CASE WHEN d.call = 'PREPARE' AND d.window_from IS NOT NULL"
                    + "   THEN 'PREPARE ' || d.window_from || '-' || d.window_to ELSE d.call END AS call, d.reason,"
                    + " d.stint_health, d.pit_window_probability"
                    + " FROM unnest(?::int[]) AS c(car)"
                    + " LEFT JOIN LATERAL (SELECT * FROM telemetry WHERE race_id = ? AND car = c.car"
                    + "   ORDER BY ts DESC LIMIT 1) t ON true"
                    + " LEFT JOIN LATERAL (SELECT lap_time_ms FROM laps WHERE race_id = ? AND car = c.car"
                    + "   ORDER BY lap DESC LIMIT 1) l ON true"
                    + " LEFT JOIN LATERAL (SELECT call, reason, stint_health, pit_window_probability, window_from, window_to"
                    + "   FROM stint_outlook WHERE race_id = ? AND car = c.car ORDER BY ts DESC LIMIT 1) d ON true"
                    + " ORDER BY t.position NULLS LAST, c.car";

    static final String OPEN_ALERTS_SQL =
            "SELECT car, driver, type, severity, ts, end_ts, evidence FROM alerts"
                    + " WHERE race_id = ? AND status = 'OPEN' ORDER BY ts";

    /** One row of the board. */
    public record CarRow(
            int car,
            Instant ts,
            String driver,
            String team,
            int lap,
            int totalLaps,
            int position,
            String compound,
            int tyreAge,
            double tyreWear,
            double speed,
            boolean inPit,
            String trackStatus,
            Double gapAhead,
            Long lastLapMs,
            String call,
            String reason,
            Double health,
            Double pitWindow) {}

    /** An open alert. */
    public record OpenAlert(
            int car,
            String driver,
            String type,
            String severity,
            Instant start,
            Instant end,
            String evidence) {}

    /** What the board shows at one moment. */
    public record Snapshot(List<CarRow> cars, List<OpenAlert> alerts) {
        public Instant raceTime() {
            return cars.stream()
                    .map(CarRow::ts)
                    .filter(t -> t != null)
                    .max(Instant::compareTo)
                    .orElse(null);
        }
    }

    private final String raceId;
    private final List<Integer> cars;

    public PitBoard(String jdbcUrl, String user, String password, String raceId, List<Integer> cars)
            throws SQLException {
        super(BoardSql.connect(jdbcUrl, user, password));
        this.raceId = raceId;
        this.cars = cars;
    }

    @Override
    public Snapshot read() throws SQLException {
        List<CarRow> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(CARS_SQL)) {
            Array ids = connection.createArrayOf("int4", cars.toArray());
            ps.setArray(1, ids);
            ps.setString(2, raceId);
            ps.setString(3, raceId);
            ps.setString(4, raceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var ts = rs.getObject("ts", java.time.OffsetDateTime.class);
                    rows.add(
                            new CarRow(
                                    rs.getInt("car"),
                                    ts == null ? null : ts.toInstant(),
                                    rs.getString("driver"),
                                    rs.getString("team"),
                                    rs.getInt("lap"),
                                    rs.getInt("total_laps"),
                                    rs.getInt("position"),
                                    rs.getString("tyre_compound"),
                                    rs.getInt("tyre_age"),
                                    rs.getDouble("tyre_wear"),
                                    rs.getDouble("speed"),
                                    rs.getBoolean("in_pit"),
                                    rs.getString("track_status"),
                                    (Double) nullable(rs, "gap_ahead"),
                                    rs.getObject("lap_time_ms") == null
                                            ? null
                                            : rs.getLong("lap_time_ms"),
                                    rs.getString("call"),
                                    rs.getString("reason"),
                                    (Double) nullable(rs, "stint_health"),
                                    (Double) nullable(rs, "pit_window_probability")));
                }
            }
        }
        List<OpenAlert> alerts = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(OPEN_ALERTS_SQL)) {
            ps.setString(1, raceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    alerts.add(
                            new OpenAlert(
                                    rs.getInt("car"),
                                    rs.getString("driver"),
                                    rs.getString("type"),
                                    rs.getString("severity"),
                                    rs.getObject("ts", java.time.OffsetDateTime.class).toInstant(),
                                    rs.getObject("end_ts", java.time.OffsetDateTime.class)
                                            .toInstant(),
                                    rs.getString("evidence")));
                }
            }
        }
        return new Snapshot(rows, alerts);
    }

    private static Object nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Renders the board as text lines (no terminal control codes). */
    public static List<String> render(Snapshot s, String header, int width) {
        List<String> out = new ArrayList<>();
        Instant now = s.raceTime();
        CarRow leader = s.cars().stream().filter(c -> c.ts() != null).findFirst().orElse(null);
        String status = leader == null ? "-" : leader.trackStatus();
        out.add(
                fit(
                        String.format(
                                Locale.ROOT,
                                "%s   race clock %s UTC   leader lap %s   track %s",
                                header,
                                now == null ? "--:--:--" : CLOCK.format(now),
                                leader == null
                                        ? "-"
                                        : Math.min(leader.lap(), leader.totalLaps())
                                                + "/"
                                                + leader.totalLaps(),
                                status),
                        width));
        out.add(
                fit(
                        String.format(
                                Locale.ROOT,
                                "%-3s %-3s %-4s %-13s %-5s %-9s %-9s %6s %5s %-15s %s",
                                "P",
                                "#",
                                "DRV",
                                "TEAM",
                                "LAP",
                                "TYRE",
                                "LAST LAP",
                                "HEALTH",
                                "PIT%",
                                "CALL",
                                "WHY"),
                        width));
        for (CarRow c : s.cars()) {
            if (c.ts() == null) {
                out.add(
                        fit(
                                String.format(Locale.ROOT, "%-3s %-3d (no data yet)", "-", c.car()),
                                width));
                continue;
            }
            String tyre =
                    c.compound() == null
                            ? "-"
                            : c.compound().charAt(0)
                                    + " "
                                    + c.tyreAge()
                                    + "L "
                                    + Math.round(c.tyreWear())
                                    + "%";
            String call = c.call() == null ? "-" : c.call();
            if (c.inPit()) {
                call = "IN PIT";
            }
            out.add(
                    fit(
                            String.format(
                                    Locale.ROOT,
                                    "%-3d %-3d %-4s %-13s %-5s %-9s %-9s %6s %5s %-15s %s",
                                    c.position(),
                                    c.car(),
                                    c.driver(),
                                    abbreviate(c.team(), 13),
                                    Math.min(c.lap(), c.totalLaps()),
                                    tyre,
                                    c.lastLapMs() == null ? "-" : lapTime(c.lastLapMs()),
                                    c.health() == null
                                            ? "-"
                                            : String.format(Locale.ROOT, "%.0f", c.health()),
                                    c.pitWindow() == null
                                            ? "-"
                                            : String.format(
                                                    Locale.ROOT, "%.0f%%", 100 * c.pitWindow()),
                                    call,
                                    c.reason() == null ? "" : c.reason()),
                            width));
        }
        out.add("");
        if (s.alerts().isEmpty()) {
            out.add("Open alerts: none");
        } else {
            out.add("Open alerts:");
            for (OpenAlert a : s.alerts()) {
                out.add(
                        fit(
                                String.format(
                                        Locale.ROOT,
                                        "  %-8s #%-3d %-4s %-16s since %s  %s",
                                        a.severity(),
                                        a.car(),
                                        a.driver(),
                                        a.type(),
                                        CLOCK.format(a.start()),
                                        a.evidence()),
                                width));
            }
        }
        return out;
    }

    static String lapTime(long ms) {
        return String.format(Locale.ROOT, "%d:%02d.%03d", ms / 60_000, (ms / 1000) % 60, ms % 1000);
    }

    private static String abbreviate(String s, int n) {
        return s == null ? "-" : s.length() <= n ? s : s.substring(0, n);
    }

    private static String fit(String line, int width) {
        return BoardSql.fit(line, width);
    }

    /** Counts for the closing summary, straight from the tables. */
    public Map<String, Long> countBy(String sql) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, raceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private final LatencyLog latency = new LatencyLog();

    @Override
    protected List<String> lines(Snapshot s, String header, int width) {
        return render(s, header, width);
    }

    @Override
    protected String statusOf(Snapshot s) {
        CarRow leader = s.cars().stream().filter(c -> c.ts() != null).findFirst().orElse(null);
        return (leader == null
                        ? "no laps yet"
                        : "leader lap " + Math.min(leader.lap(), leader.totalLaps()))
                + "   open alerts "
                + s.alerts().size();
    }

    @Override
    public void observe(String metrics) {
        latency.record(metrics);
    }

    @Override
    public Map<String, String> summary(String metrics) throws SQLException {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(
                "laps",
                String.format(
                        Locale.ROOT,
                        "%,d",
                        countBy("SELECT 'laps', count(*) FROM laps WHERE race_id = ?")
                                .getOrDefault("laps", 0L)));
        lines.put(
                "car outlooks by call",
                BoardSql.format(
                        countBy(
                                "SELECT call, count(*) FROM stint_outlook WHERE race_id = ?"
                                        + " GROUP BY call ORDER BY call")));
        lines.put(
                "pit-call steps",
                BoardSql.format(
                        countBy(
                                "SELECT call, count(*) FROM strategy_decisions WHERE race_id = ?"
                                        + " GROUP BY call ORDER BY call")));
        lines.put(
                "alerts by type",
                BoardSql.format(
                        countBy(
                                "SELECT type, count(*) FROM alerts WHERE race_id = ?"
                                        + " GROUP BY type ORDER BY type")));
        if (latency.intervals() > 0) {
            lines.put(
                    "event-to-decision latency",
                    String.format(
                            Locale.ROOT,
                            "p50 %.0f ms (median over %d s with calls), p99 up to %.0f ms",
                            latency.medianP50(),
                            latency.intervals(),
                            latency.maxP99()));
        }
        return lines;
    }
}
