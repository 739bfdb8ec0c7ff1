package dev.streamwall.runner.run;

import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.generators.replay.CsvCells;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.pitwall.PitwallJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code streamwall run pitwall}: the pit-wall strategy over recorded lap timing. */
@Command(
        name = "pitwall",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the pit-wall strategy over recorded lap timing, one row per car and lap.",
            "Needs a car (car, number or driver), lap and lap_time (ms, seconds, m:ss.SSS or"
                    + " 0 days 00:01:32.456); race, position, lap_end_ts or a session time, pit_in,"
                    + " pit_out, compound, tyre_age, track_status and total_laps are used when the"
                    + " file has them, and worked out from the rest when it has not. The entry list"
                    + " comes from the file."
        },
        footer = {
            "",
            "Examples:",
            "  run pitwall --file laps.csv --start 2024-07-07T14:00:00Z",
            "  run pitwall --file season.csv --out results/"
        })
public final class PitwallRunCommand implements Callable<Integer>, RecordingJob {

    @Mixin RunOptions options = new RunOptions();

    @Option(
            names = "--race",
            paramLabel = "ID",
            description = "Race id of rows without a race column (default: the file's name).")
    String race;

    @Option(
            names = "--start",
            paramLabel = "TIME",
            defaultValue = "2000-01-01T12:00:00Z",
            description =
                    "When the race started, for lap end times worked out from lap times or a"
                            + " session time; in a file of several races, the first one, each next"
                            + " race a day later (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(
            names = "--pit-stops",
            paramLabel = "FILE",
            description =
                    "A pit-stop CSV (race, car or driver, lap: the in-lap) to score the calls"
                            + " against, instead of the lap file's own pit-in column; the job does"
                            + " not see it.")
    Path pitStops;

    private LapCsvMapper mapper;

    @Override
    public Integer call() throws Exception {
        return new RecordingRun(options, System.out).run(this);
    }

    @Override
    public StreamwallJob<?> job() {
        return new PitwallJob();
    }

    @Override
    public String inputOption() {
        return "--laps-input-topic";
    }

    @Override
    public CsvReplay.RowMapper mapper() {
        if (mapper == null) {
            Instant at;
            try {
                at = Instant.ofEpochMilli(CsvCells.parseTimestamp(start));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--start: " + e.getMessage());
            }
            mapper = LapCsvMapper.scan(options.file, race, at);
            if (pitStops != null) {
                mapper.stopsFrom(pitStops);
            }
            if (mapper.cars().isEmpty()) {
                throw new IllegalArgumentException(
                        options.file
                                + " has no row with a car, a lap and a lap time (see run pitwall"
                                + " --help)");
            }
        }
        return mapper;
    }

    @Override
    public List<String> extraArgs() {
        return List.of(
                "--input",
                "LAPS",
                "--cars",
                mapper.cars().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    @Override
    public List<String> tables() {
        // From lap timing the job writes calls only: the laps table is built from telemetry.
        return List.of("strategy_decisions", "stint_outlook");
    }

    @Override
    public List<String> tableLabels() {
        return List.of("pit-call steps", "car outlooks");
    }

    /**
     * The decisions by step and, when the file records its pit stops, the calls scored against them
     * next to a naive baseline and chance ({@link PitCallScore}).
     */
    @Override
    public Map<String, String> score(Connection db) throws SQLException {
        Map<String, String> lines = new LinkedHashMap<>();
        Map<String, Long> byCall = new LinkedHashMap<>();
        List<PitCallScore.Decision> decisions = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT race_id, car, lap, call, from_lap, to_lap"
                                        + " FROM strategy_decisions ORDER BY ts")) {
            while (r.next()) {
                String call = r.getString(4);
                byCall.merge(call, 1L, Long::sum);
                decisions.add(
                        new PitCallScore.Decision(
                                r.getString(1) + "/" + r.getInt(2),
                                r.getInt(3),
                                call,
                                r.getObject(5, Integer.class),
                                r.getObject(6, Integer.class)));
            }
        }
        lines.put(
                "pit-call steps",
                byCall.isEmpty()
                        ? "none"
                        : byCall.entrySet().stream()
                                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")));
        if (!mapper.recordsStops()) {
            lines.put("calls scored", "no (no pit_in column, no --pit-stops file)");
            return lines;
        }
        lines.putAll(PitCallScore.score(mapper.stops(), decisions, mapper::lastLap));
        return lines;
    }
}
