package dev.streamwall.runner.run;

import dev.streamwall.cityflow.CityflowJob;
import dev.streamwall.cityflow.workflow.CityflowSettings;
import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.generators.city.CityFileFormat;
import dev.streamwall.generators.city.RoadNetwork;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code streamwall run cityflow}: the cityflow job over recorded road sensors. */
@Command(
        name = "cityflow",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the cityflow job over recorded road sensors.",
            "Long format: ts,sensor,road,speed[,flow,occupancy] (one reading per row); or a wide"
                    + " matrix, one column per sensor and one row per time step (--format matrix)."
                    + " Without a road graph (--network) every road is taken as it comes and"
                    + " nothing is rerouted."
                    + " Timestamps: epoch ms, epoch seconds or ISO-8601 (UTC when no zone)."
        },
        footer = {
            "",
            "Examples:",
            "  run cityflow --file loops.csv",
            "  run cityflow --file freeway.csv --speed-unit mph --out results/",
            "  run cityflow --file loops.csv --network roads.csv",
            "  run cityflow --file speeds.csv --format matrix --start 2024-03-01T00:00"
                    + " --step 5m --time-zone America/New_York --zero-is-missing",
            "  run cityflow --file speeds.csv --format matrix --start 2015-01-01T00:00"
                    + " --step 15m --time-zone Asia/Shanghai --zero-is-missing --horizon 60m"
        })
public final class CityflowRunCommand implements Callable<Integer>, RecordingJob {

    @Mixin RunOptions options = new RunOptions();

    @Mixin CityFileFormat format = new CityFileFormat();

    @Option(
            names = "--network",
            paramLabel = "FILE",
            description =
                    "Road graph CSV, one directed road per row: road,from,to, length_m or"
                            + " length_mi, free_flow_kmh or free_flow_mph, optional lanes"
                            + " (default 1), capacity_vph (default 1800 a lane) and"
                            + " from_lat,from_lon,to_lat,to_lon. The readings' road ids must be"
                            + " its road ids (others are dead-lettered as UNKNOWN_ROAD); with it"
                            + " the job reroutes around congestion and tells queues from"
                            + " incidents.")
    Path network;

    @Option(
            names = "--horizon",
            paramLabel = "DURATION",
            defaultValue = "30m",
            description =
                    "How far ahead the job forecasts, whole minutes (default: ${DEFAULT-VALUE});"
                            + " several, comma-separated (15m,30m,60m), are forecast and scored in"
                            + " one run: the first is the job's --horizon (its reroutes and"
                            + " incidents), the others its --extra-horizons.")
    String horizon;

    private RoadNetwork roads;

    /**
     * The horizon, and the recording's time zone (UTC unless given) as the city's: the profile's
     * quarter-hours and weekends are local.
     */
    @Override
    public List<String> extraArgs() {
        List<String> horizons = horizons();
        List<String> args =
                new ArrayList<>(
                        List.of("--horizon", horizons.get(0), "--time-zone", format.timeZone));
        if (horizons.size() > 1) {
            args.add("--extra-horizons");
            args.add(String.join(",", horizons.subList(1, horizons.size())));
        }
        return args;
    }

    /**
     * The horizons given, checked before anything starts: whole minutes, each once, at most {@code
     * 1 + MAX_EXTRA_HORIZONS}.
     */
    private List<String> horizons() {
        List<String> horizons =
                Arrays.stream(horizon.split(","))
                        .map(String::trim)
                        .filter(h -> !h.isEmpty())
                        .toList();
        if (horizons.isEmpty()) {
            throw new IllegalArgumentException("--horizon: give at least one, e.g. 30m");
        }
        if (horizons.size() > 1 + CityflowSettings.MAX_EXTRA_HORIZONS) {
            throw new IllegalArgumentException(
                    "--horizon: at most "
                            + (1 + CityflowSettings.MAX_EXTRA_HORIZONS)
                            + " horizons in one run, got "
                            + horizons.size());
        }
        Set<Long> seen = new HashSet<>();
        for (String h : horizons) {
            Duration d;
            try {
                d = DurationConverter.parse(h);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "--horizon: '" + h + "' is not a duration such as 15m or 1h");
            }
            if (d.toMillis() < 60_000 || d.toMillis() % 60_000 != 0) {
                throw new IllegalArgumentException(
                        "--horizon: " + h + " is not whole minutes (at least 1m)");
            }
            if (!seen.add(d.toMinutes())) {
                throw new IllegalArgumentException(
                        "--horizon: " + h + " is given twice; give each horizon once");
            }
        }
        return horizons;
    }

    @Override
    public Integer call() throws Exception {
        return new RecordingRun(options, System.out).run(this);
    }

    @Override
    public StreamwallJob<?> job() {
        return new CityflowJob();
    }

    @Override
    public String inputOption() {
        return "--readings-topic";
    }

    @Override
    public CsvReplay.RowMapper mapper() {
        if (network != null) {
            try {
                roads = RoadNetwork.load(network);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read the road network " + network + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        e.getMessage().startsWith(network.toString())
                                ? e.getMessage()
                                : network + ": " + e.getMessage());
            }
        }
        horizons(); // a mistake in them is one line, before anything starts
        return format.mapper();
    }

    /** The road graph, published to the roads topic at the recording's first time. */
    @Override
    public Map<String, List<CsvReplay.Row>> referenceData(long firstTs) {
        if (roads == null) {
            return Map.of();
        }
        List<CsvReplay.Row> rows = new ArrayList<>();
        roads.records(firstTs)
                .forEach((id, r) -> rows.add(new CsvReplay.Row(id, firstTs, Json.toBytes(r))));
        return Map.of("--roads-topic", rows);
    }

    @Override
    public List<String> tables() {
        return List.of("traffic_raw", "predictions", "incidents", "reroutes");
    }

    /**
     * The forecasts against what the recording itself says happened: for every road and minute with
     * a forecast and recorded speeds (the road's mean in that minute, as read from the file) now
     * and at the horizon, the job's forecast speed (free-flow speed × (1 − predicted congestion)),
     * persistence (the recorded speed now) and, where the recording reaches a week back, the
     * recorded speed at the same time a week earlier, and the speed the seed formula's score
     * implies (free flow × (1 − score)), in the file's unit. MAPE counts the speeds of at least 1
     * km/h (recordings write near-zero speeds for missing data).
     */
    @Override
    public Map<String, String> score(Connection db) throws SQLException {
        String sql =
                """
                WITH raw AS (
                  SELECT road_id, date_trunc('minute', ts) + interval '1 minute' AS ts,
                         avg(speed_kmh) AS speed
                  FROM traffic_raw GROUP BY 1, 2),
                pairs AS (
                  SELECT coalesce(p.predicted_speed_kmh,
                                  p.free_flow_kmh * (1 - p.congestion_score)) AS job,
                         n.speed AS now,
                         f.speed AS actual, w.speed AS week, p.horizon_min AS horizon,
                         p.free_flow_kmh * (1 - p.baseline_score) AS seed
                  FROM predictions p
                  JOIN raw n ON n.road_id = p.road_id AND n.ts = p.ts
                  JOIN raw f ON f.road_id = p.road_id
                   AND f.ts = p.ts + p.horizon_min * interval '1 minute'
                  LEFT JOIN raw w ON w.road_id = p.road_id
                   AND w.ts = p.ts + p.horizon_min * interval '1 minute' - interval '7 days'
                  WHERE p.free_flow_kmh IS NOT NULL)
                SELECT count(*), horizon,
                       avg(abs(job - actual)), sqrt(avg((job - actual) ^ 2)),
                       avg(abs(now - actual)), sqrt(avg((now - actual) ^ 2)),
                       count(week),
                       avg(abs(week - actual)) FILTER (WHERE week IS NOT NULL),
                       sqrt(avg((week - actual) ^ 2) FILTER (WHERE week IS NOT NULL)),
                       avg(abs(job - actual)) FILTER (WHERE week IS NOT NULL),
                       sqrt(avg((job - actual) ^ 2) FILTER (WHERE week IS NOT NULL)),
                       avg(abs(job - actual) / actual) FILTER (WHERE actual >= 1),
                       avg(abs(now - actual) / actual) FILTER (WHERE actual >= 1),
                       count(seed), avg(abs(seed - actual)), sqrt(avg((seed - actual) ^ 2)),
                       avg(abs(seed - actual) / actual) FILTER (WHERE actual >= 1)
                FROM pairs GROUP BY horizon ORDER BY horizon
                """;
        Map<String, String> lines = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            var unit = format.speedUnit;
            while (r.next()) {
                long pairs = r.getLong(1);
                String t = "T+" + r.getInt(2);
                lines.put(
                        t + " speed, " + unit.label() + " (MAE / RMSE / MAPE)",
                        String.format(
                                Locale.ROOT,
                                "job %.2f / %.2f / %.1f %%, persistence %.2f / %.2f / %.1f %% (job"
                                        + " ÷ persistence %.3f / %.3f) over %,d road-minutes",
                                unit.fromKmh(r.getDouble(3)),
                                unit.fromKmh(r.getDouble(4)),
                                100 * r.getDouble(12),
                                unit.fromKmh(r.getDouble(5)),
                                unit.fromKmh(r.getDouble(6)),
                                100 * r.getDouble(13),
                                r.getDouble(3) / r.getDouble(5),
                                r.getDouble(4) / r.getDouble(6),
                                pairs));
                lines.put(
                        t + " seed formula",
                        r.getLong(14) == 0
                                ? "no forecast has a seed score"
                                : String.format(
                                        Locale.ROOT,
                                        "%.2f / %.2f / %.1f %% (the speed its score implies: free"
                                                + " flow × (1 − score))",
                                        unit.fromKmh(r.getDouble(15)),
                                        unit.fromKmh(r.getDouble(16)),
                                        100 * r.getDouble(17)));
                long week = r.getLong(7);
                lines.put(
                        t + " same time last week",
                        week == 0
                                ? "no forecast has a week of history behind it"
                                : String.format(
                                        Locale.ROOT,
                                        "%.2f / %.2f, job %.2f / %.2f on those %,d road-minutes",
                                        unit.fromKmh(r.getDouble(8)),
                                        unit.fromKmh(r.getDouble(9)),
                                        unit.fromKmh(r.getDouble(10)),
                                        unit.fromKmh(r.getDouble(11)),
                                        week));
            }
        }
        if (lines.isEmpty()) {
            lines.put("forecasts scored", "none (no road has a reading at the horizon)");
        }
        return lines;
    }

    @Override
    public List<String> tableLabels() {
        return List.of("readings", "forecasts", "incident records", "reroutes");
    }
}
