package dev.streamwall.runner.run;

import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.factory.FactoryJob;
import dev.streamwall.generators.factory.PlantFileFormat;
import dev.streamwall.generators.replay.CsvReplay;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code streamwall run factory}: the factory job over recorded machine sensors. */
@Command(
        name = "factory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the factory job over recorded machine sensors.",
            "Long format: timestamp,machine,sensor,value (one reading per row). A single series may"
                    + " have just timestamp,value (give --machine and --sensor). Timestamps: epoch"
                    + " ms, epoch seconds or ISO-8601 (UTC when no zone)."
        },
        footer = {
            "",
            "Examples:",
            "  run factory --file plant.csv",
            "  run factory --file boiler.csv --machine B1 --sensor temp --out results/"
        })
public final class FactoryRunCommand implements Callable<Integer>, RecordingJob {

    @Mixin RunOptions options = new RunOptions();

    @Mixin PlantFileFormat format = new PlantFileFormat();

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description =
                    "Labelled anomaly windows to score the run against with the NAB method: a CSV"
                            + " series,start,end (series machine/sensor, machine, or *) or the JSON"
                            + " windows format of public anomaly benchmarks.")
    Path labels;

    @Option(
            names = "--labels-column",
            paramLabel = "COLUMN",
            description =
                    "Score against a label column of the recording itself (1 on anomalous rows):"
                            + " each run of labelled rows is a window.")
    String labelsColumn;

    @Option(
            names = "--patience",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description =
                    "The job's --patience: the longest it pools a sensor's readings before it"
                            + " reports (default: ${DEFAULT-VALUE}).")
    String patience;

    @Option(
            names = "--benchmark-windows",
            description =
                    "Score against windows drawn as the Numenta Anomaly Benchmark draws them from"
                            + " its labels: each labelled window's first reading is the anomaly,"
                            + " its window a tenth of the series' readings divided by its"
                            + " anomalies, centred on it.")
    boolean benchmarkWindows;

    private Map<String, List<NabScore.Window>> windows;
    private final Map<String, List<NabScore.Window>> scoredWindows = new HashMap<>();
    private CsvReplay.RowMapper mapper;

    /** The sensors the file holds (known after the replay): the job accepts those. */
    @Override
    public List<String> extraArgs() {
        var seen = ((PlantFileFormat.SensorsSeen) mapper).sensorsSeen();
        return seen.isEmpty()
                ? List.of("--patience", patience)
                : List.of("--patience", patience, "--sensors", String.join(",", seen));
    }

    @Override
    public Integer call() throws Exception {
        return new RecordingRun(options, System.out).run(this);
    }

    @Override
    public StreamwallJob<?> job() {
        return new FactoryJob();
    }

    @Override
    public String inputOption() {
        return "--readings-topic";
    }

    @Override
    public CsvReplay.RowMapper mapper() {
        if (labels != null && labelsColumn != null) {
            throw new IllegalArgumentException("give --labels or --labels-column, not both");
        }
        if (labels != null) {
            windows = AnomalyLabels.read(labels, options.file);
        } else if (labelsColumn != null) {
            windows = AnomalyLabels.fromColumn(options.file, labelsColumn);
        }
        mapper = format.mapper();
        return mapper;
    }

    /**
     * With {@code --labels}: the NAB score (standard, low FP, low FN) of the job's anomaly episodes
     * (each flags the reading where it opened), of its maintenance alerts (the reading where each
     * was raised, on the alert's sensor), and of the per-reading anomaly score at its best
     * threshold per profile (100 thresholds at the score's quantiles; a reading where the score
     * crosses the threshold upwards is a detection).
     */
    @Override
    public Map<String, String> score(Connection db) throws SQLException {
        if (windows == null) {
            return Map.of();
        }
        Map<String, long[]> times = new LinkedHashMap<>();
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, List<Long>> rowsTs = new LinkedHashMap<>();
        Map<String, List<Double>> rowsScore = new LinkedHashMap<>();
        // Windows labelled per machine (none names a sensor) are scored per machine: its readings'
        // times, each flagged when any of its sensors is; else per machine and sensor.
        boolean perMachine = windows.keySet().stream().noneMatch(k -> k.contains("/"));
        String series = perMachine ? "machine || '/*'" : "machine || '/' || sensor";
        try (Statement s = db.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT "
                                        + series
                                        + ", ts, max(score) FROM sensor_readings GROUP BY 1, 2"
                                        + " ORDER BY 1, 2")) {
            while (r.next()) {
                String name = r.getString(1);
                rowsTs.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(r.getTimestamp(2).getTime());
                double score = r.getDouble(3);
                rowsScore
                        .computeIfAbsent(name, k -> new ArrayList<>())
                        .add(r.wasNull() ? 0.0 : score);
            }
        }
        rowsTs.forEach((k, v) -> times.put(k, v.stream().mapToLong(Long::longValue).toArray()));
        rowsScore.forEach(
                (k, v) -> scores.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        Map<String, List<Long>> episodes =
                detections(
                        db,
                        "SELECT "
                                + series
                                + ", min(ts) FROM machine_anomalies GROUP BY anomaly_id, 1");
        Map<String, List<Long>> alerts =
                detections(
                        db,
                        "SELECT "
                                + series
                                + ", min(ts) FROM maintenance_alerts GROUP BY alert_id, 1");
        times.forEach(
                (name, t) -> {
                    int slash = name.indexOf('/');
                    List<NabScore.Window> labelled =
                            AnomalyLabels.of(
                                    windows, name.substring(0, slash), name.substring(slash + 1));
                    scoredWindows.put(
                            name,
                            benchmarkWindows ? NabScore.benchmarkWindows(t, labelled) : labelled);
                });
        int windowCount = 0;
        for (String name : times.keySet()) {
            windowCount += windows(name).size();
        }
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(
                "labelled windows",
                String.format(
                        Locale.ROOT,
                        "%d%s over %d series%s (NAB: standard / low FP / low FN, 0 = flag"
                                + " nothing, 100 = perfect)",
                        windowCount,
                        benchmarkWindows ? " (drawn as the benchmark draws them)" : "",
                        times.size(),
                        perMachine ? " (machines)" : ""));
        List<NabScore.Series> byEpisode = flagged(times, episodes);
        List<NabScore.Series> byAlert = flagged(times, alerts);
        lines.put("NAB, anomaly episodes", nab(byEpisode));
        lines.put("NAB, alerts", nab(byAlert));
        lines.put("  episodes vs windows", NabScore.detections(byEpisode));
        lines.put("  alerts vs windows", NabScore.detections(byAlert));
        lines.put("NAB, reading score", bestThreshold(times, scores, false));
        List<SensorReadings> readings = readings(db, series);
        lines.put("NAB, naive baseline", naive(readings, times));
        lines.put("NAB, Etsy Skyline", skyline(readings, times));
        lines.put("NAB, Twitter ADVec", twitterAdVec(readings, times));
        return lines;
    }

    /** One sensor's stored readings in time order, and the series it is scored in. */
    private record SensorReadings(String series, long[] times, double[] values) {}

    private static List<SensorReadings> readings(Connection db, String series) throws SQLException {
        List<SensorReadings> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT "
                                        + series
                                        + ", machine || '/' || sensor, ts, value FROM sensor_readings"
                                        + " ORDER BY 2, 3")) {
            String sensor = null;
            String scoredAs = null;
            List<Long> ts = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            while (true) {
                boolean more = r.next();
                if (sensor != null && (!more || !r.getString(2).equals(sensor))) {
                    out.add(
                            new SensorReadings(
                                    scoredAs,
                                    ts.stream().mapToLong(Long::longValue).toArray(),
                                    values.stream().mapToDouble(Double::doubleValue).toArray()));
                    ts.clear();
                    values.clear();
                }
                if (!more) {
                    return out;
                }
                sensor = r.getString(2);
                scoredAs = r.getString(1);
                ts.add(r.getTimestamp(3).getTime());
                values.add(r.getDouble(4));
            }
        }
    }

    /**
     * Etsy Skyline as the anomaly benchmark ran it ({@link ReferenceDetectors#skyline}), at its
     * best threshold per profile; every reading at or over the threshold is a detection.
     */
    private String skyline(List<SensorReadings> readings, Map<String, long[]> times) {
        String tooLong = tooLong(readings);
        if (tooLong != null) {
            return tooLong;
        }
        Map<String, double[]> scores = new HashMap<>();
        for (SensorReadings sensor : readings) {
            long[] t = times.get(sensor.series());
            double[] into = scores.computeIfAbsent(sensor.series(), k -> new double[t.length]);
            double[] own = ReferenceDetectors.skyline(sensor.times(), sensor.values());
            for (int i = 0; i < own.length; i++) {
                int row = java.util.Arrays.binarySearch(t, sensor.times()[i]);
                into[row] = Math.max(into[row], own[i]);
            }
        }
        return bestThreshold(times, scores, true) + " (mean of its 7 tests' votes)";
    }

    /** Why the reference detectors are not run on these readings, or null. */
    private static String tooLong(List<SensorReadings> readings) {
        int longest = readings.stream().mapToInt(r -> r.values().length).max().orElse(0);
        return longest <= ReferenceDetectors.MAX_READINGS
                ? null
                : String.format(
                        Locale.ROOT,
                        "not run: a sensor has %,d readings (up to %,d a sensor: each reading is"
                                + " judged against its whole series)",
                        longest,
                        ReferenceDetectors.MAX_READINGS);
    }

    /** Twitter ADVec as the anomaly benchmark ran it ({@link ReferenceDetectors#twitterAdVec}). */
    private String twitterAdVec(List<SensorReadings> readings, Map<String, long[]> times) {
        String tooLong = tooLong(readings);
        if (tooLong != null) {
            return tooLong;
        }
        Map<String, List<Long>> detections = new HashMap<>();
        int flagged = 0;
        for (SensorReadings sensor : readings) {
            boolean[] flags = ReferenceDetectors.twitterAdVec(sensor.values());
            for (int i = 0; i < flags.length; i++) {
                if (flags[i]) {
                    flagged++;
                    detections
                            .computeIfAbsent(sensor.series(), k -> new ArrayList<>())
                            .add(sensor.times()[i]);
                }
            }
        }
        return nab(flagged(times, detections))
                + String.format(
                        Locale.ROOT,
                        " (%d readings flagged; whole series at once, period %d readings)",
                        flagged,
                        ReferenceDetectors.ADVEC_PERIOD);
    }

    /** Readings of the naive baseline's window; it needs a tenth of that before it flags. */
    static final int NAIVE_WINDOW = 600;

    /**
     * A naive detector to judge the job by, on the same readings: each reading's z-score against
     * the mean and standard deviation of the sensor's previous {@value #NAIVE_WINDOW} readings (a
     * windowed Gaussian), a detection where |z| first reaches k; reported at the k of 3, 4, 5, 6 or
     * 8 that scores best on the standard profile (chosen in hindsight, which favours it).
     */
    private String naive(List<SensorReadings> readings, Map<String, long[]> times) {
        Map<String, List<long[]>> crossings = new HashMap<>(); // series -> (ts, |z| * 1000)
        double[] ring = new double[NAIVE_WINDOW];
        for (SensorReadings sensor : readings) {
            int count = 0;
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < sensor.values().length; i++) {
                double v = sensor.values()[i];
                int n = Math.min(count, NAIVE_WINDOW);
                if (n >= NAIVE_WINDOW / 10) {
                    double mean = sum / n;
                    double sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
                    double z = sd > 0 ? Math.abs(v - mean) / sd : (v == mean ? 0 : 1e9);
                    crossings
                            .computeIfAbsent(sensor.series(), k -> new ArrayList<>())
                            .add(new long[] {sensor.times()[i], (long) (z * 1000)});
                }
                if (count >= NAIVE_WINDOW) {
                    double old = ring[count % NAIVE_WINDOW];
                    sum -= old;
                    sumSq -= old * old;
                }
                ring[count % NAIVE_WINDOW] = v;
                sum += v;
                sumSq += v * v;
                count++;
            }
        }
        String best = "no readings";
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double k : new double[] {3, 4, 5, 6, 8}) {
            Map<String, List<Long>> detections = new HashMap<>();
            crossings.forEach(
                    (name, zs) -> {
                        boolean above = false;
                        for (long[] tz : zs) {
                            boolean now = tz[1] >= k * 1000;
                            if (now && !above) {
                                detections.computeIfAbsent(name, x -> new ArrayList<>()).add(tz[0]);
                            }
                            above = now;
                        }
                    });
            List<NabScore.Series> flagged = flagged(times, detections);
            double standard = NabScore.normalised(flagged, NabScore.PROFILES.get(0));
            if (standard > bestScore) {
                bestScore = standard;
                best =
                        nab(flagged)
                                + String.format(
                                        Locale.ROOT,
                                        " (windowed Gaussian, %d readings, |z| >= %.0f)",
                                        NAIVE_WINDOW,
                                        k);
            }
        }
        return best;
    }

    private static Map<String, List<Long>> detections(Connection db, String sql)
            throws SQLException {
        Map<String, List<Long>> out = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                        .add(r.getTimestamp(2).getTime());
            }
        }
        return out;
    }

    /** Each series with the rows at or just after each detection flagged. */
    private List<NabScore.Series> flagged(
            Map<String, long[]> times, Map<String, List<Long>> detections) {
        List<NabScore.Series> out = new ArrayList<>();
        times.forEach(
                (series, t) -> {
                    boolean[] flags = new boolean[t.length];
                    for (long d : detections.getOrDefault(series, List.of())) {
                        int i = java.util.Arrays.binarySearch(t, d);
                        int row = i >= 0 ? i : -i - 1;
                        if (row < t.length) {
                            flags[row] = true;
                        }
                    }
                    out.add(new NabScore.Series(t, windows(series), flags));
                });
        return out;
    }

    private List<NabScore.Window> windows(String series) {
        return scoredWindows.get(series);
    }

    private static String nab(List<NabScore.Series> series) {
        StringBuilder b = new StringBuilder();
        for (NabScore.Profile p : NabScore.PROFILES) {
            b.append(b.isEmpty() ? "" : " / ")
                    .append(String.format(Locale.ROOT, "%.1f", NabScore.normalised(series, p)));
        }
        return b.toString();
    }

    /**
     * The best NAB score per profile over thresholds at the scores' quantiles (and at each of their
     * values when they take few): with {@code everyRow} every reading at or over the threshold is a
     * detection, as the benchmark counts them; else only a reading where the score crosses it
     * upwards.
     */
    private String bestThreshold(
            Map<String, long[]> times, Map<String, double[]> scores, boolean everyRow) {
        double[] all =
                scores.values().stream()
                        .flatMapToDouble(java.util.Arrays::stream)
                        .sorted()
                        .toArray();
        if (all.length == 0) {
            return "no readings";
        }
        java.util.TreeSet<Double> thresholds = new java.util.TreeSet<>();
        for (int q = 0; q <= 100; q++) {
            thresholds.add(
                    all[Math.min(all.length - 1, (int) ((long) q * (all.length - 1) / 100))]);
        }
        if (java.util.Arrays.stream(all).distinct().count() <= 100) {
            java.util.Arrays.stream(all).forEach(thresholds::add);
        }
        thresholds.add(Double.POSITIVE_INFINITY);
        StringBuilder b = new StringBuilder();
        for (NabScore.Profile p : NabScore.PROFILES) {
            double best = Double.NEGATIVE_INFINITY;
            double at = Double.NaN;
            for (double threshold : thresholds) {
                List<NabScore.Series> series = new ArrayList<>();
                times.forEach(
                        (name, t) -> {
                            double[] sc = scores.get(name);
                            boolean[] flags = new boolean[t.length];
                            // A detection where the score crosses the threshold (a score that
                            // stays high through an episode is one detection, not one a row).
                            for (int i = 0; i < t.length; i++) {
                                flags[i] =
                                        sc[i] >= threshold
                                                && (everyRow || i == 0 || sc[i - 1] < threshold);
                            }
                            series.add(new NabScore.Series(t, windows(name), flags));
                        });
                double score = NabScore.normalised(series, p);
                if (score >= best) { // on a tie, the higher threshold (flagging less)
                    best = score;
                    at = threshold;
                }
            }
            b.append(b.isEmpty() ? "" : " / ")
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    Double.isInfinite(at)
                                            ? "%.1f (best: flag nothing)"
                                            : "%.1f (best threshold %.3f)",
                                    best,
                                    at));
        }
        return b.toString();
    }

    @Override
    public List<String> tables() {
        return List.of(
                "sensor_readings", "sensor_stats", "machine_anomalies", "maintenance_alerts");
    }

    @Override
    public List<String> tableLabels() {
        return List.of("readings", "sensor windows", "anomaly episodes", "alerts");
    }
}
