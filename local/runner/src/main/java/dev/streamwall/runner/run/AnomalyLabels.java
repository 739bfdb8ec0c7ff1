package dev.streamwall.runner.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwall.generators.replay.CsvCells;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled anomaly windows: a CSV {@code series,start,end} (series {@code machine/sensor}, {@code
 * machine}, or {@code *} for every series) or the JSON windows format of public anomaly benchmarks,
 * {@code {"dir/file.csv": [["start", "end"], ...]}}, whose entry for the recording's file name
 * applies to every series of the run.
 */
final class AnomalyLabels {

    static final String EVERY_SERIES = "*";

    private AnomalyLabels() {}

    /** Windows by series, for a run of {@code recording}. */
    static Map<String, List<NabScore.Window>> read(Path labels, Path recording) {
        if (!Files.isRegularFile(labels)) {
            throw new IllegalArgumentException(
                    "--labels " + labels.toAbsolutePath() + " does not exist or is not a file");
        }
        Map<String, List<NabScore.Window>> windows = new LinkedHashMap<>();
        if (labels.getFileName().toString().toLowerCase().endsWith(".json")) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(labels.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--labels "
                                + labels
                                + " is not JSON: "
                                + e.getMessage().lines().findFirst().orElse(""));
            }
            String name = recording.getFileName().toString();
            root.fields()
                    .forEachRemaining(
                            entry -> {
                                String key = entry.getKey();
                                String base = key.substring(key.lastIndexOf('/') + 1);
                                if (base.equals(name)) {
                                    for (JsonNode w : entry.getValue()) {
                                        add(
                                                windows,
                                                EVERY_SERIES,
                                                w.get(0).asText(),
                                                w.get(1).asText());
                                    }
                                }
                            });
            if (windows.isEmpty()) {
                throw new IllegalArgumentException(
                        "--labels " + labels + " has no entry for " + name);
            }
            return windows;
        }
        List<String> problems = new ArrayList<>();
        CsvReplay.scan(
                labels,
                columns -> {
                    try {
                        add(
                                windows,
                                CsvCells.required(columns, "series"),
                                CsvCells.required(columns, "start"),
                                CsvCells.required(columns, "end"));
                    } catch (IllegalArgumentException e) {
                        problems.add(e.getMessage());
                    }
                });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("--labels " + labels + ": " + problems.get(0));
        }
        return windows;
    }

    /**
     * Windows from a label column of the recording itself (1 or true on anomalous rows, as labelled
     * benchmark files carry): each run of labelled rows of a series is a window of that series. A
     * series is a machine and sensor ({@code machine}/{@code machine_id}, {@code sensor}/{@code
     * sensor_type} columns) when the file has them, so the rows of several series may interleave; a
     * file without them is one series, and its windows apply to every series the job scores.
     */
    static Map<String, List<NabScore.Window>> fromColumn(Path recording, String column) {
        Map<String, List<NabScore.Window>> out = new LinkedHashMap<>();
        // Per series: the start and last labelled time of the run it is in, if any.
        Map<String, long[]> open = new LinkedHashMap<>();
        boolean[] seen = {false};
        CsvReplay.scan(
                recording,
                columns -> {
                    String label = null;
                    String time = null;
                    String machine = null;
                    String sensor = null;
                    for (var c : columns.entrySet()) {
                        String name = c.getKey().trim().toLowerCase(java.util.Locale.ROOT);
                        if (name.equalsIgnoreCase(column)) {
                            label = c.getValue();
                            seen[0] = true;
                        } else if (time == null && CsvCells.TIME_COLUMNS.contains(name)) {
                            time = c.getValue();
                        } else if (name.equals("machine") || name.equals("machine_id")) {
                            machine = c.getValue().trim();
                        } else if (name.equals("sensor") || name.equals("sensor_type")) {
                            sensor = c.getValue().trim();
                        }
                    }
                    if (label == null || time == null) {
                        return;
                    }
                    long ts;
                    try {
                        ts = CsvCells.parseTimestamp(time);
                    } catch (IllegalArgumentException reportedByTheReplay) {
                        return;
                    }
                    String series =
                            machine == null
                                    ? EVERY_SERIES
                                    : sensor == null ? machine : machine + "/" + sensor;
                    String v = label.trim().toLowerCase(java.util.Locale.ROOT);
                    boolean anomalous =
                            v.equals("true") || (!v.isEmpty() && !v.matches("0+(\\.0+)?|false"));
                    long[] run = open.get(series);
                    if (anomalous) {
                        if (run == null) {
                            open.put(series, new long[] {ts, ts});
                        } else {
                            run[1] = ts;
                        }
                    } else if (run != null) {
                        out.computeIfAbsent(series, k -> new ArrayList<>())
                                .add(new NabScore.Window(run[0], run[1]));
                        open.remove(series);
                    }
                });
        open.forEach(
                (series, run) ->
                        out.computeIfAbsent(series, k -> new ArrayList<>())
                                .add(new NabScore.Window(run[0], run[1])));
        if (!seen[0]) {
            throw new IllegalArgumentException(
                    "--labels-column "
                            + column
                            + ": "
                            + recording.getFileName()
                            + " has no such column");
        }
        if (out.isEmpty()) {
            out.put(EVERY_SERIES, new ArrayList<>());
        }
        return out;
    }

    private static void add(
            Map<String, List<NabScore.Window>> windows, String series, String start, String end) {
        long from = CsvCells.parseTimestamp(start);
        long to = CsvCells.parseTimestamp(end);
        if (to < from) {
            throw new IllegalArgumentException(
                    "window " + start + " .. " + end + " ends before it starts");
        }
        windows.computeIfAbsent(series, k -> new ArrayList<>()).add(new NabScore.Window(from, to));
    }

    /** The windows that apply to {@code machine}'s {@code sensor}. */
    static List<NabScore.Window> of(
            Map<String, List<NabScore.Window>> windows, String machine, String sensor) {
        List<NabScore.Window> out = new ArrayList<>();
        for (String key : List.of(machine + "/" + sensor, machine, EVERY_SERIES)) {
            out.addAll(windows.getOrDefault(key, List.of()));
        }
        return out;
    }
}
