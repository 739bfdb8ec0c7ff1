package dev.streamwall.runner.cityflow;

import dev.streamwall.runner.BoardSql;
import dev.streamwall.runner.DemoEndpoints;
import dev.streamwall.runner.SqlBoard;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal city board: the most congested roads now and in 30 minutes, the reroutes of the
 * latest minute, open incidents, and the predictions whose time has come checked against the
 * congestion the job then measured, read from the cityflow job's tables.
 */
public final class CityBoard extends SqlBoard<CityBoard.Snapshot> {

    /**
     * The latest minute whose rows are all in: the sink writes a minute's roads in batches, so the
     * newest minute can be partly written; take the newest with as many roads as any of the last
     * five.
     */
    static final String LATEST_SQL =
            "WITH m AS (SELECT ts, count(*) AS n FROM predictions WHERE ts >= ?"
                    + " AND ts >= (SELECT max(ts) FROM predictions) - interval '5 minutes'"
                    + " GROUP BY ts)"
                    + " SELECT max(ts) FROM m WHERE n = (SELECT max(n) FROM m)";

    static final String ROADS_SQL =
            "SELECT road_id, congestion_now, congestion_score, confidence, speed_kmh, free_flow_kmh"
                    + " FROM predictions WHERE ts = ?";

    /**
     * The reroutes of the newest minute up to the board's that has any, at most a minute older:
     * reroutes reach the table through their own sink, a moment after that minute's predictions,
     * and the section would otherwise blink empty once a minute.
     */
    static final String REROUTES_SQL =
            "SELECT road_id, rank, route_id, alt_route_id, eta_gain_min, estimated_co2_gain"
                    + " FROM reroutes WHERE ts = (SELECT max(ts) FROM reroutes"
                    + " WHERE ts BETWEEN ? AND ?) ORDER BY road_id, rank";

    static final String INCIDENTS_SQL =
            "SELECT road_id, kind, severity, start_ts, detail FROM incidents"
                    + " WHERE status = 'OPEN' AND ts >= ? ORDER BY ts, road_id";

    /**
     * Every prediction whose target minute has been measured: its error against the congestion
     * measured then, and persistence's and the seed formula's.
     */
    static final String CHECK_SQL =
            "SELECT count(*) AS n, avg(abs(p.congestion_score - t.congestion_now)) AS job,"
                    + " avg(abs(p.congestion_now - t.congestion_now)) AS persistence,"
                    + " avg(abs(p.baseline_score - t.congestion_now)) AS seed"
                    + " FROM predictions p JOIN predictions t ON t.road_id = p.road_id"
                    + " AND t.horizon_min = p.horizon_min"
                    + " AND t.ts = p.ts + make_interval(mins => p.horizon_min)"
                    + " WHERE p.ts >= ?";

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** A road's latest minute. */
    public record RoadRow(
            String road,
            double now,
            double predicted,
            double confidence,
            double speed,
            double freeFlow) {}

    /** A reroute of the latest minute. */
    public record RerouteRow(
            String road,
            int rank,
            String route,
            String alternative,
            double etaGain,
            double co2Gain) {}

    /** An open incident. */
    public record IncidentRow(
            String road, String kind, String severity, Instant since, String detail) {}

    /** Predictions checked against what was then measured. */
    public record Check(long n, double job, double persistence, double seed) {}

    /** Everything one screen shows. */
    public record Snapshot(
            Instant clock,
            List<RoadRow> roads,
            List<RerouteRow> reroutes,
            List<IncidentRow> incidents,
            Check check) {}

    private final Instant cityStart;

    public CityBoard(DemoEndpoints endpoints, Instant cityStart) throws SQLException {
        super(BoardSql.connect(endpoints));
        this.cityStart = cityStart;
    }

    @Override
    public Snapshot read() throws SQLException {
        Instant clock =
                BoardSql.rows(
                                connection,
                                LATEST_SQL,
                                rs -> rs.getObject(1, OffsetDateTime.class),
                                cityStart)
                        .stream()
                        .filter(java.util.Objects::nonNull)
                        .map(OffsetDateTime::toInstant)
                        .findFirst()
                        .orElse(null);
        List<RoadRow> roads = List.of();
        List<RerouteRow> reroutes = List.of();
        if (clock != null) {
            roads =
                    BoardSql.rows(
                            connection,
                            ROADS_SQL,
                            rs ->
                                    new RoadRow(
                                            rs.getString("road_id"),
                                            rs.getDouble("congestion_now"),
                                            rs.getDouble("congestion_score"),
                                            rs.getDouble("confidence"),
                                            rs.getDouble("speed_kmh"),
                                            rs.getDouble("free_flow_kmh")),
                            clock);
            reroutes =
                    BoardSql.rows(
                            connection,
                            REROUTES_SQL,
                            rs ->
                                    new RerouteRow(
                                            rs.getString("road_id"),
                                            rs.getInt("rank"),
                                            rs.getString("route_id"),
                                            rs.getString("alt_route_id"),
                                            rs.getDouble("eta_gain_min"),
                                            rs.getDouble("estimated_co2_gain")),
                            clock.minus(Duration.ofMinutes(1)),
                            clock);
        }
        List<IncidentRow> incidents =
                BoardSql.rows(
                        connection,
                        INCIDENTS_SQL,
                        rs ->
                                new IncidentRow(
                                        rs.getString("road_id"),
                                        rs.getString("kind"),
                                        rs.getString("severity"),
                                        BoardSql.instant(rs, "start_ts"),
                                        rs.getString("detail")),
                        cityStart);
        return new Snapshot(clock, roads, reroutes, incidents, check());
    }

    private Check check() throws SQLException {
        return BoardSql.rows(
                        connection,
                        CHECK_SQL,
                        rs ->
                                new Check(
                                        rs.getLong("n"),
                                        rs.getDouble("job"),
                                        rs.getDouble("persistence"),
                                        rs.getDouble("seed")),
                        cityStart)
                .get(0);
    }

    public static List<String> render(Snapshot s, String header, int width) {
        List<String> out = new ArrayList<>();
        out.add(
                String.format(
                        Locale.ROOT,
                        "%s   city clock %s UTC",
                        header,
                        s.clock() == null ? "--:--" : CLOCK.format(s.clock())));
        out.add(
                String.format(
                        Locale.ROOT,
                        "roads %d   reroutes this minute %d   open incidents %d",
                        s.roads().size(),
                        s.reroutes().size(),
                        s.incidents().size()));
        out.add(checkLine(s.check()));
        out.add("");
        List<RoadRow> byNow = new ArrayList<>(s.roads());
        byNow.sort(
                Comparator.comparingDouble((RoadRow r) -> -r.now()).thenComparing(RoadRow::road));
        List<RoadRow> byLater = new ArrayList<>(s.roads());
        byLater.sort(
                Comparator.comparingDouble((RoadRow r) -> -r.predicted())
                        .thenComparing(RoadRow::road));
        out.add("MOST CONGESTED NOW                    MOST CONGESTED IN 30 MIN");
        out.add("  road   now  km/h  (free)            road  T+30  conf   now");
        for (int i = 0; i < Math.min(6, s.roads().size()); i++) {
            RoadRow a = byNow.get(i);
            RoadRow b = byLater.get(i);
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  %-5s %4.2f %5.1f  (%3.0f)            %-5s %4.2f  %4.2f  %4.2f",
                            a.road(),
                            a.now(),
                            a.speed(),
                            a.freeFlow(),
                            b.road(),
                            b.predicted(),
                            b.confidence(),
                            b.now()));
        }
        if (s.roads().isEmpty()) {
            out.add("  waiting for the first minute of readings");
        }
        out.add("");
        out.add(
                "REROUTES (latest minute; time and CO2 per vehicle on the detour, negative: saved)");
        if (s.reroutes().isEmpty()) {
            out.add("  none: no road predicted above 0.5 with a faster way around");
        }
        for (RerouteRow r : s.reroutes().subList(0, Math.min(6, s.reroutes().size()))) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  %-5s #%d %-14s → %-22s %+5.1f min %+6.0f g CO2",
                            r.road(),
                            r.rank(),
                            r.route(),
                            r.alternative(),
                            -r.etaGain(),
                            -r.co2Gain()));
        }
        if (s.reroutes().size() > 6) {
            out.add(String.format(Locale.ROOT, "  ... %d more", s.reroutes().size() - 6));
        }
        out.add("");
        out.add("OPEN INCIDENTS");
        if (s.incidents().isEmpty()) {
            out.add("  none");
        }
        for (IncidentRow i : s.incidents().subList(0, Math.min(6, s.incidents().size()))) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  since %s %-5s %-16s %-6s %s",
                            CLOCK.format(i.since()),
                            i.road(),
                            i.kind(),
                            i.severity(),
                            i.detail()));
        }
        return BoardSql.fit(out, width);
    }

    static String checkLine(Check c) {
        if (c.n() == 0) {
            return "T+30 predictions checked: none yet (the first is checked 30 simulated minutes in)";
        }
        return String.format(
                Locale.ROOT,
                "T+30 predictions checked against what was then measured: %,d, mean error job %.3f,"
                        + " persistence %.3f, seed formula %.3f",
                c.n(),
                c.job(),
                c.persistence(),
                c.seed());
    }

    @Override
    protected List<String> lines(Snapshot s, String header, int width) {
        return render(s, header, width);
    }

    @Override
    protected String statusOf(Snapshot s) {
        return String.format(
                Locale.ROOT,
                "city clock %s   reroutes %d   open incidents %d   %s",
                s.clock() == null ? "--:--" : CLOCK.format(s.clock()),
                s.reroutes().size(),
                s.incidents().size(),
                s.check().n() == 0
                        ? "no prediction checked yet"
                        : String.format(
                                Locale.ROOT,
                                "T+30 error job %.3f / persistence %.3f",
                                s.check().job(),
                                s.check().persistence()));
    }

    @Override
    public Map<String, String> summary(String metrics) throws SQLException {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(
                "predictions",
                counts(
                        "SELECT 'roads x minutes', count(*) FROM predictions WHERE ts >= ?",
                        cityStart));
        lines.put(
                "reroutes by road",
                counts(
                        "SELECT road_id, count(*) FROM reroutes WHERE ts >= ?"
                                + " GROUP BY road_id ORDER BY count(*) DESC, road_id LIMIT 5",
                        cityStart));
        lines.put(
                "incidents by kind",
                counts(
                        "SELECT kind, count(*) FROM incidents WHERE ts >= ?"
                                + " GROUP BY kind ORDER BY kind",
                        cityStart));
        lines.put(
                "T+30 predictions checked",
                checkLine(check()).replaceFirst("^T\\+30 predictions checked[^:]*: ", ""));
        return lines;
    }
}
