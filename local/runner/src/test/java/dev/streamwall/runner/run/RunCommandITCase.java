package dev.streamwall.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.EmbeddedKafka;
import dev.streamwall.embedded.EmbeddedPostgres;
import dev.streamwall.runner.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamwall run JOB --file FILE} as a user runs it, on recordings the tests write
 * themselves (not the simulators): the embedded Kafka and PostgreSQL, the file replayed, the job
 * run bounded to its end, the summary, and the output tables as CSV files.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.streamwall.embedded.EmbeddedInfraExtension.class)
class RunCommandITCase {

    private static final Instant START = Instant.parse("2025-11-03T06:00:00Z");

    /**
     * Runs {@code streamwall run} with {@code line} (its arguments as a user types them, {@code %s}
     * filled in with {@code values}; no argument may contain a space).
     */
    private static CliRun cli(Path workDir, String line, Object... values) {
        return run(workDir, CliRun.words(line, values));
    }

    private static CliRun run(Path workDir, String... args) {
        List<String> argv = new ArrayList<>(List.of("run"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--work-dir", workDir.toString()));
        return CliRun.of(argv);
    }

    /**
     * Two machines, temperature and pressure every 10 s for 3 h, the temperature of M2 climbing 25
     * degrees in its last hour; four broken rows and one row back in time among them.
     */
    @Test
    void runsTheFactoryJobOverALongCsvAndReportsEveryBrokenRowByLine(@TempDir Path dir)
            throws Exception {
        Path csv = dir.resolve("plant.csv");
        List<byte[]> lines = new ArrayList<>();
        lines.add("timestamp,machine,sensor,value\n".getBytes(StandardCharsets.UTF_8));
        int good = 0;
        for (int step = 0; step < 3 * 360; step++) {
            Instant t = START.plusSeconds(10L * step);
            for (String machine : List.of("M1", "M2")) {
                double drift = machine.equals("M2") && step > 720 ? (step - 720) * 25.0 / 360 : 0;
                double temp = 65 + 0.4 * Math.sin(step / 7.0) + drift;
                double pressure = 4.2 + 0.05 * Math.cos(step / 5.0);
                lines.add(row(t, machine, "temperature", temp));
                lines.add(row(t, machine, "pressure", pressure));
                good += 2;
            }
            if (step == 100) {
                lines.add("2025-11-03T06:16:50Z,M1,temperature\n".getBytes(StandardCharsets.UTF_8));
                lines.add(
                        "2025-11-03T06:16:50Z,M1,temperature,hot\n"
                                .getBytes(StandardCharsets.UTF_8));
                lines.add(
                        "2025-11-03T06:16:50Z,M\u00e9,temperature,65\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                lines.add("yesterday,M1,temperature,65\n".getBytes(StandardCharsets.UTF_8));
                // Back in time by 10 minutes, and a good row otherwise.
                lines.add(row(START.plusSeconds(10L * step - 600), "M1", "pressure", 4.2));
                good++;
            }
        }
        try (var out = Files.newOutputStream(csv)) {
            for (byte[] l : lines) {
                out.write(l);
            }
        }
        Path results = dir.resolve("results");

        Path labels = dir.resolve("labels.csv");
        Files.writeString(
                labels, "series,start,end\nM2/temp,2025-11-03T08:00:00Z,2025-11-03T09:00:00Z\n");

        CliRun run = cli(dir, "factory --file %s --out %s --labels %s", csv, results, labels);

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(
                        String.format(
                                Locale.ROOT,
                                "rows of the file                   : %,d read, 4 rejected",
                                good + 4))
                .containsPattern("line 406: 3 cells, the header has 4 \\(a stray or missing comma")
                .contains("line 407: column 'value' is 'hot', not a finite number")
                .contains("line 408: column 'machine' holds bytes that are not UTF-8 text")
                .contains("line 409: timestamp 'yesterday' is not epoch milliseconds")
                .contains("timestamps                         : ISO-8601 with a zone, ")
                .contains("rows back in time                  : 1 (up to 10m back)")
                .containsPattern("job +: [0-9,]+ records in [0-9.]+ s \\([0-9,]+ records/s")
                .contains("late (arrived after the watermark) : ")
                .containsPattern("machine_anomalies +: [1-9][0-9,]* anomaly episodes")
                .contains("labelled windows                   : 1 over 4 series")
                .containsPattern(
                        "NAB, anomaly episodes +: -?[0-9]+\\.[0-9] / -?[0-9]+\\.[0-9] / -?[0-9]+\\.[0-9]")
                .containsPattern("NAB, alerts +: -?[0-9]+\\.[0-9] / ")
                .containsPattern("NAB, reading score +: -?[0-9]+\\.[0-9] \\(best ")
                // The machine heating up is found, by its episode and by its alert.
                .containsPattern("episodes vs windows +: 1 of 1 windows found \\(recall 1.00\\)")
                .containsPattern("alerts vs windows +: 1 of 1 windows found \\(recall 1.00\\)")
                .containsPattern(
                        "NAB, naive baseline +: -?[0-9]+\\.[0-9] / .*\\(windowed Gaussian, 600"
                                + " readings, \\|z\\| >= [0-9]\\)")
                // The reference detectors, as the anomaly benchmark ran them, on the same readings.
                .containsPattern(
                        "NAB, Etsy Skyline +: -?[0-9]+\\.[0-9] \\(best .* / .*"
                                + " \\(mean of its 7 tests' votes\\)")
                .containsPattern(
                        "NAB, Twitter ADVec +: -?[0-9]+\\.[0-9] / -?[0-9]+\\.[0-9] / -?[0-9]+\\.[0-9]"
                                + " \\([0-9]+ readings flagged; whole series at once, period 150");
        long readings = Files.readAllLines(results.resolve("sensor_readings.csv")).size() - 1;
        assertThat(run.out())
                .contains(
                        String.format(
                                Locale.ROOT,
                                "sensor_readings                    : %,d readings",
                                readings));
        // Every good row is a reading but the one back in time, which repeats the time, machine
        // and sensor of an earlier row and is merged into it (the table's key).
        assertThat(readings).isEqualTo(good - 1);
        assertThat(Files.readString(results.resolve("machine_anomalies.csv")))
                .startsWith("anomaly_id,")
                .contains("M2");
        assertThat(Files.exists(results.resolve("dead_letters.csv"))).isTrue();
    }

    /**
     * One series, {@code timestamp,value} in epoch seconds, named on the command line; the results
     * kept ({@code --keep}) in a database of this machine, queried with {@code streamwall db} and
     * scored again against other labels without running anything.
     */
    @Test
    void runsTheFactoryJobOverASingleSeries(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("boiler.csv");
        StringBuilder b = new StringBuilder("timestamp,value\n");
        for (int step = 0; step < 2000; step++) {
            b.append(START.getEpochSecond() + 60L * step)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.2f", 70 + Math.sin(step / 9.0)))
                    .append('\n');
        }
        Files.writeString(csv, b);
        // The JSON windows format of public anomaly benchmarks, keyed by the file's path.
        Path labels = dir.resolve("windows.json");
        Files.writeString(
                labels,
                "{\"data/other.csv\": [], \"data/boiler.csv\": [[\"2025-11-04 10:00:00.000000\","
                        + " \"2025-11-04 12:00:00.000000\"]]}");

        CliRun run =
                cli(
                        dir,
                        "factory --file %s --machine B1 --sensor temp --labels %s --keep",
                        csv,
                        labels);

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("rows of the file                   : 2,000 read, 0 rejected")
                .contains(
                        "timestamps                         : epoch seconds, 2025-11-03T06:00:00Z")
                .contains("sensor_readings                    : 2,000 readings")
                .contains("labelled windows                   : 1 over 1 series")
                .contains("results kept                       : database run_factory_boiler in")
                .doesNotContain("deleted on exit");
        Path password = dir.resolve("kept-postgres/password");
        assertThat(Files.getPosixFilePermissions(password))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        CliRun query =
                CliRun.of(
                        List.of(
                                "db",
                                "--work-dir",
                                dir.toString(),
                                "-c",
                                "SELECT machine, sensor, count(*) AS readings FROM sensor_readings"
                                        + " GROUP BY 1, 2"));
        assertThat(query.code()).isZero();
        assertThat(query.out())
                .containsPattern("machine \\| sensor \\| readings")
                .containsPattern("B1 +\\| temp +\\| 2000")
                .contains("(1 rows)");

        Path other = dir.resolve("other.csv");
        Files.writeString(
                other, "series,start,end\nB1/temp,2025-11-04T14:00:00Z,2025-11-04T16:00:00Z\n");
        CliRun again =
                cli(
                        dir,
                        "factory --file %s --machine B1 --sensor temp --labels %s --keep"
                                + " --score-only",
                        csv,
                        other);
        assertThat(again.code()).isZero();
        assertThat(again.out())
                .contains("from what the kept database run_factory_boiler holds (nothing was run)")
                .contains("sensor_readings                    : 2,000 readings");

        CliRun wrongDatabase =
                CliRun.of(
                        List.of(
                                "db",
                                "--work-dir",
                                dir.toString(),
                                "--database",
                                "x",
                                "-c",
                                "SELECT 1"));
        assertThat(wrongDatabase.code()).isEqualTo(2);
        assertThat(wrongDatabase.out().strip())
                .isEqualTo(
                        "streamwall db: no kept database x; kept: run_factory_boiler (give"
                                + " --database NAME)");
        CliRun nothingKept =
                CliRun.of(List.of("db", "--work-dir", dir.resolve("elsewhere").toString()));
        assertThat(nothingKept.code()).isEqualTo(2);
        assertThat(nothingKept.out()).contains("nothing is kept in");
    }

    /**
     * A data logger's export: semicolons, one column per sensor of one machine every second, and a
     * label column marking the anomalous rows (scored per machine).
     */
    @Test
    void runsTheFactoryJobOverAWideSemicolonFileScoredByItsLabelColumn(@TempDir Path dir)
            throws Exception {
        Path csv = pumpFile(dir);

        CliRun run =
                cli(
                        dir,
                        "factory --file %s --format wide --machine P1 --labels-column anomaly",
                        csv);

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("rows of the file                   : 1,800 read, 0 rejected")
                .contains("replayed 5,400 records")
                .contains("dead-lettered by the job           : none")
                .contains("sensor_readings                    : 5,400 readings")
                .contains("labelled windows                   : 1 over 1 series (machines)")
                .containsPattern("NAB, anomaly episodes +: -?[0-9]+\\.[0-9] / ")
                // The motor current, a sensor no rule knows, raises an ANOMALY alert in the fault.
                .containsPattern("alerts vs windows +: 1 of 1 windows found");
    }

    /**
     * A data logger's export: semicolons, the current, pressure and temperature of pump P1 every
     * second for 30 min, the current and temperature up in minutes 20-23, which an {@code anomaly}
     * column marks.
     */
    private static Path pumpFile(Path dir) throws IOException {
        Path csv = dir.resolve("pump.csv");
        StringBuilder b = new StringBuilder("datetime;Current;Pressure;Temperature;anomaly\n");
        for (int step = 0; step < 1800; step++) {
            boolean fault = step >= 1200 && step < 1400;
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%s;%.3f;%.4f;%.3f;%d%n",
                            START.plusSeconds(step).toString().replace("T", " ").replace("Z", ""),
                            1.3 + 0.02 * Math.sin(step / 3.0) + (fault ? 0.9 : 0),
                            0.25 + 0.01 * Math.cos(step / 4.0),
                            70 + 0.2 * Math.sin(step / 11.0) + (fault ? 6 : 0),
                            fault ? 1 : 0));
        }
        Files.writeString(csv, b);
        return csv;
    }

    /** The earlier run's tables, scored again against other labels: nothing runs. */
    @Test
    void scoresAnEarlierRunAgainstOtherLabelsWithoutRunningIt(
            @TempDir Path dir, EmbeddedPostgres postgres) throws Exception {
        String url = postgres.createDatabase("score_again");
        Path csv = pumpFile(dir);
        List<String> common =
                List.of(
                        "factory",
                        "--file",
                        csv.toString(),
                        "--format",
                        "wide",
                        "--machine",
                        "P1",
                        "--jdbc-url",
                        url,
                        "--jdbc-user",
                        postgres.user());
        List<String> first = new ArrayList<>(common);
        first.addAll(List.of("--labels-column", "anomaly"));
        assertThat(run(dir, first.toArray(String[]::new)).code()).isZero();

        // A window where nothing happened: the alert in the fault is now a false positive.
        Path other = dir.resolve("other-labels.csv");
        Files.writeString(
                other,
                "series,start,end\nP1,"
                        + START.plusSeconds(600)
                        + ","
                        + START.plusSeconds(700)
                        + "\n");
        List<String> again = new ArrayList<>(common);
        again.addAll(List.of("--labels", other.toString(), "--score-only"));
        CliRun scored = run(dir, again.toArray(String[]::new));

        assertThat(scored.code()).isZero();
        assertThat(scored.out())
                .contains("(nothing was run)")
                .doesNotContain("replayed")
                .contains("rows of the file                   : 1,800 read, 0 rejected")
                .contains("sensor_readings                    : 5,400 readings")
                .containsPattern("alerts vs windows +: 0 of 1 windows found");

        // Without the database there is nothing to score: one line.
        List<String> nowhere = new ArrayList<>(common.subList(0, 7));
        nowhere.addAll(List.of("--labels", other.toString(), "--score-only"));
        CliRun refused = run(dir, nowhere.toArray(String[]::new));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.out().strip().lines())
                .singleElement()
                .asString()
                .contains("--score-only scores what an earlier run wrote into a database");
    }

    /** Loop detectors in mph: the job works in km/h. */
    @Test
    void runsTheCityflowJobOverLoopDetectorsInMph(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("freeway.csv");
        StringBuilder b = new StringBuilder("ts,sensor,road,speed\n");
        int rows = 0;
        for (int step = 0; step < 12 * 12; step++) {
            for (int s = 1; s <= 3; s++) {
                double mph = 62 - (s == 2 && step > 60 && step < 90 ? 35 : 0) + (step % 3);
                b.append(START.plusSeconds(300L * step))
                        .append(",S")
                        .append(s)
                        .append(",R")
                        .append(s)
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.1f", mph))
                        .append('\n');
                rows++;
            }
        }
        Files.writeString(csv, b);
        Path results = dir.resolve("results");

        CliRun run = cli(dir, "cityflow --file %s --speed-unit mph --out %s", csv, results);

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(String.format(Locale.ROOT, ": %,d read, 0 rejected", rows))
                .containsPattern("predictions +: [1-9][0-9,]* forecasts");
        List<String> raw = Files.readAllLines(results.resolve("traffic_raw.csv"));
        int speed = List.of(raw.get(0).split(",")).indexOf("speed_kmh");
        assertThat(speed).as("speed column in " + raw.get(0)).isNotNegative();
        assertThat(raw.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[speed])))
                .allSatisfy(kmh -> assertThat(kmh).isBetween(27 * 1.6, 64 * 1.61));
    }

    /**
     * Loop detectors with a road graph: a direct road from A to B and a detour through C; the
     * direct road jams for two hours, so the job reroutes through C. One sensor's road is not in
     * the graph.
     */
    @Test
    void reroutesOverTheRoadGraphOfARecording(@TempDir Path dir) throws Exception {
        Path network = dir.resolve("roads.csv");
        Files.writeString(
                network,
                """
                road,from,to,length_mi,free_flow_mph,lanes
                AB,A,B,2.0,62,3
                AC,A,C,1.0,62,2
                CB,C,B,1.0,62,2
                """);
        Path csv = dir.resolve("loops.csv");
        StringBuilder b = new StringBuilder("ts,sensor,road,speed\n");
        int rows = 0;
        for (int minute = 0; minute < 240; minute++) {
            for (String road : List.of("AB", "AC", "CB", "XY")) {
                double mph = road.equals("AB") && minute >= 60 && minute < 180 ? 20 : 61;
                b.append(START.plusSeconds(60L * minute))
                        .append(",S-")
                        .append(road)
                        .append(',')
                        .append(road)
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.1f", mph + (minute % 3) * 0.5))
                        .append('\n');
                rows++;
            }
        }
        Files.writeString(csv, b);
        Path results = dir.resolve("results");

        CliRun run =
                cli(
                        dir,
                        "cityflow --file %s --speed-unit mph --network %s --out %s",
                        csv,
                        network,
                        results);

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(String.format(Locale.ROOT, ": %,d read, 0 rejected", rows))
                .containsPattern("published 3 records to run-cityflow-[0-9]+\\.roads")
                .contains("UNKNOWN_ROAD 240")
                .containsPattern("reroutes +: [1-9][0-9,]* reroutes");
        List<String> reroutes = Files.readAllLines(results.resolve("reroutes.csv"));
        assertThat(reroutes.get(0)).contains("road_id");
        assertThat(reroutes.stream().skip(1)).allSatisfy(l -> assertThat(l).contains("AB"));
        assertThat(String.join("\n", reroutes)).contains("AC").contains("CB");

        Files.writeString(network, "road,from,to,length_m\nAB,A,B,100\n");
        CliRun bad =
                run(dir, "cityflow", "--file", csv.toString(), "--network", network.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out().strip())
                .isEqualTo(
                        "streamwall run cityflow: "
                                + network
                                + " line 2: column 'free_flow_kmh' (or 'free_flow_mph') is missing or"
                                + " empty (the header has [road, from, to, length_m])");
    }

    /**
     * A wide matrix as loop-detector exports come: one column per sensor, one row per 5 minutes, no
     * timestamp column, mph, zeros for missing readings, one broken cell.
     */
    @Test
    void runsTheCityflowJobOverAWideMatrixWithoutTimestamps(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("speeds.csv");
        List<String> sensors = List.of("716331", "716339", "717445", "773869");
        StringBuilder b = new StringBuilder(String.join(",", sensors)).append('\n');
        int readings = 0;
        Double[][] speed = new Double[288][sensors.size()];
        for (int step = 0; step < 288; step++) {
            List<String> cells = new ArrayList<>();
            for (int s = 0; s < sensors.size(); s++) {
                boolean missing = (step + s) % 50 == 0;
                double mph = 64 - (s == 1 && step > 90 && step < 110 ? 30 : 0) + (step % 4) * 0.5;
                cells.add(missing ? "0" : String.format(Locale.ROOT, "%.2f", mph));
                readings += missing || step == 200 ? 0 : 1;
                speed[step][s] = missing || step == 200 ? null : mph;
            }
            if (step == 200) {
                cells.set(2, "n/a");
            }
            b.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(csv, b);

        CliRun run =
                cli(
                        dir,
                        "cityflow --file %s --format matrix --start 2024-03-04T00:00 --step 5m"
                                + " --time-zone America/Chicago --zero-is-missing --speed-unit mph"
                                + " --horizon 30m,60m",
                        csv);

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(": 288 read, 1 rejected before Kafka")
                .contains("line 202: column '717445' is 'n/a', not a finite number")
                .contains(
                        "timestamps                         : from --start and --step: one row"
                                + " every 5m from 2024-03-04T06:00:00Z, 2024-03-04T06:00:00Z ..")
                .contains(
                        String.format(
                                Locale.ROOT,
                                "traffic_raw                        : %,d readings",
                                readings))
                .containsPattern("predictions +: [1-9][0-9,]* forecasts")
                .contains("T+30 same time last week           : no forecast has a week of history")
                .contains("T+60 same time last week           : no forecast has a week of history")
                .containsPattern("T\\+30 seed formula +: [0-9.]+ / [0-9.]+ / [0-9.]+ % ")
                .containsPattern("T\\+60 seed formula +: [0-9.]+ / [0-9.]+ / [0-9.]+ % ");
        // Both horizons in one run, each scored; persistence by hand: the speed now against the
        // speed 30 minutes (6 rows) and 60 minutes (12 rows) later, wherever both were recorded.
        for (int minutes : new int[] {30, 60}) {
            int rows = minutes / 5;
            double error = 0;
            int pairs = 0;
            for (int step = 0; step + rows < 288; step++) {
                for (int s = 0; s < sensors.size(); s++) {
                    if (speed[step][s] != null && speed[step + rows][s] != null) {
                        error += Math.abs(speed[step][s] - speed[step + rows][s]);
                        pairs++;
                    }
                }
            }
            var scored =
                    java.util.regex.Pattern.compile(
                                    "T\\+"
                                            + minutes
                                            + " speed, mph \\(MAE / RMSE / MAPE\\) +: job ([0-9.]+)"
                                            + " / ([0-9.]+) / [0-9.]+ %, persistence ([0-9.]+) /"
                                            + " [0-9.]+ / [0-9.]+ % .* over ([0-9,]+) road-minutes")
                            .matcher(run.out());
            assertThat(scored.find()).as("the T+%d score line", minutes).isTrue();
            assertThat(Integer.parseInt(scored.group(4).replace(",", ""))).isEqualTo(pairs);
            assertThat(Double.parseDouble(scored.group(3)))
                    .isCloseTo(error / pairs, org.assertj.core.data.Offset.offset(0.006));
        }
    }

    /**
     * Lap timing as timing exports write it: driver codes and numbers, lap times as timedeltas, no
     * positions and no end times, tyre columns, pit-in and pit-out times, F1's track status codes;
     * one lap without a time.
     */
    @Test
    void runsThePitwallStrategyOverLapTimingWithoutPositionsOrEndTimes(@TempDir Path dir)
            throws Exception {
        Path csv = dir.resolve("laps.csv");
        StringBuilder b =
                new StringBuilder(
                        "Driver,DriverNumber,LapNumber,LapTime,Compound,TyreLife,PitInTime,"
                                + "PitOutTime,TrackStatus\n");
        List<String> drivers = List.of("AAA", "BBB", "CCC", "DDD");
        int laps = 0;
        for (int lap = 1; lap <= 30; lap++) {
            for (int d = 0; d < drivers.size(); d++) {
                int stop = 14 + d * 2;
                boolean secondStint = lap > stop;
                int age = secondStint ? lap - stop : lap + 2;
                double seconds =
                        92
                                + d * 0.3
                                + age * 0.12
                                + (lap == stop ? 21 : 0)
                                + (lap == stop + 1 ? 19 : 0);
                String time =
                        lap == 7 && d == 3
                                ? "NaT"
                                : String.format(
                                        Locale.ROOT,
                                        "0 days 00:%02d:%06.3f000",
                                        (int) seconds / 60,
                                        seconds % 60);
                b.append(
                        String.join(
                                ",",
                                drivers.get(d),
                                Integer.toString(10 + d),
                                Integer.toString(lap),
                                time,
                                secondStint ? "HARD" : lap == 3 ? "UNKNOWN" : "MEDIUM",
                                Integer.toString(age) + ".0",
                                lap == stop ? "0 days 01:20:00.000000" : "NaT",
                                lap == stop + 1 ? "0 days 01:20:25.000000" : "NaT",
                                lap >= 20 && lap <= 22 ? "4" : "1"));
                b.append('\n');
                laps += time.equals("NaT") ? 0 : 1;
            }
        }
        Files.writeString(csv, b);

        CliRun run = cli(dir, "pitwall --file %s --race test-gp --start 2024-07-07T14:00:00Z", csv);

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(": 120 read, 1 rejected before Kafka")
                .containsPattern("line 2[0-9]: no lap time")
                .contains(
                        "timestamps                         : from the lap times, the race starting"
                                + " at 2024-07-07T14:00:00Z")
                .contains("dead-lettered by the job           : none")
                .containsPattern("pit-call steps +: [A-Z_]+ [0-9]+")
                // The stops are on laps 14, 16, 18 and 20: the median in-lap, 16, is within two
                // laps before the stops on 16 and 18, and followed by those two within 3 laps.
                .containsPattern(
                        "real stops called \\(recall\\) +: [0-4] of 4 \\([0-9.]+ %\\);"
                                + " naive median-lap box 2 \\(50.0 %\\)")
                .containsPattern(
                        "BOX calls then a stop \\(precision\\) +: [0-9]+ of [0-9]+ \\([0-9.]+"
                                + " %\\); naive 2 of 4 \\(50.0 %\\); chance [0-9.]+ %")
                .containsPattern("PREPARE windows holding a stop +: ")
                .containsPattern("calls per real stop +: [0-9.]+ BOX, [0-9.]+ PREPARE");
        var outlooks =
                java.util.regex.Pattern.compile("stint_outlook +: ([0-9,]+) car outlooks")
                        .matcher(run.out());
        assertThat(outlooks.find()).isTrue();
        assertThat(Integer.parseInt(outlooks.group(1).replace(",", "")))
                .as("an outlook for every lap read, at least")
                .isGreaterThanOrEqualTo(laps);

        // The same stops from a pit-stop file, as timing archives publish them separately.
        Path stops = dir.resolve("pit_stops.csv");
        Files.writeString(
                stops, "race,driver,lap\ntest-gp,AAA,14\ntest-gp,BBB,16\ntest-gp,CCC,18\n");
        CliRun scored =
                cli(
                        dir,
                        "pitwall --file %s --race test-gp --start 2024-07-07T14:00:00Z --pit-stops %s",
                        csv,
                        stops);
        assertThat(scored.code()).isZero();
        // 14, 16 and 18: the median in-lap 16 is within two laps before 16 and 18.
        assertThat(scored.out())
                .containsPattern(
                        "real stops called \\(recall\\) +: [0-3] of 3 \\([0-9.]+ %\\);"
                                + " naive median-lap box 2 \\(66.7 %\\)");
    }

    /**
     * A Kafka of one's own that wants a login (SASL SCRAM): the replay, the job and the summary all
     * connect with the settings of --kafka-properties; a wrong password is one line, before
     * anything is sent.
     */
    @Test
    void runsAgainstAKafkaThatWantsALogin(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("press.csv");
        StringBuilder b = new StringBuilder("timestamp,machine,sensor,value\n");
        for (int step = 0; step < 600; step++) {
            b.append(START.plusSeconds(10L * step))
                    .append(",P1,temperature,")
                    .append(String.format(Locale.ROOT, "%.2f", 60 + Math.sin(step / 7.0)))
                    .append('\n');
        }
        Files.writeString(csv, b);
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().scramListener().start()) {
            Path good =
                    EmbeddedKafka.writeScramProperties(
                            dir.resolve("kafka.properties"),
                            EmbeddedKafka.SCRAM_USER,
                            EmbeddedKafka.SCRAM_PASSWORD);
            Path wrong =
                    EmbeddedKafka.writeScramProperties(
                            dir.resolve("wrong.properties"),
                            EmbeddedKafka.SCRAM_USER,
                            "not-the-password");

            CliRun run =
                    cli(
                            dir,
                            "factory --file %s --kafka %s --kafka-properties %s",
                            csv,
                            kafka.scramBootstrapServers(),
                            good);
            assertThat(run.code()).isZero();
            assertThat(run.out())
                    .contains("sensor_readings                    : 600 readings")
                    .doesNotContain("starting Kafka");

            long started = System.nanoTime();
            CliRun refused =
                    cli(
                            dir,
                            "factory --file %s --kafka %s --kafka-properties %s",
                            csv,
                            kafka.scramBootstrapServers(),
                            wrong);
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.out())
                    .containsPattern(
                            "streamwall run factory: cannot use Kafka at "
                                    + kafka.scramBootstrapServers()
                                    + ".*Authentication failed")
                    .doesNotContain("replayed");
            assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);

            CliRun withoutKafka = cli(dir, "factory --file %s --kafka-properties %s", csv, good);
            assertThat(withoutKafka.code()).isEqualTo(2);
            assertThat(withoutKafka.out()).contains("are for your own Kafka: give");
        }
    }

    @Test
    void aMissingFileOrAFileWithoutOneGoodRowIsOneClearLine(@TempDir Path dir) throws Exception {
        CliRun missing = run(dir, "factory", "--file", dir.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.out().strip())
                .endsWith(
                        "nope.csv does not exist or is not a file; give the recording with --file")
                .doesNotContain("Exception");

        Path csv = dir.resolve("wrong.csv");
        Files.writeString(csv, "when,what\nmonday,5\n");
        CliRun wrong = run(dir, "factory", "--file", csv.toString());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.out())
                .contains("no row of " + csv + " could be read (1 rejected)")
                .contains("line 2: no timestamp column")
                .doesNotContain("Exception");

        // A horizon given twice is one line before anything starts.
        CliRun twice = cli(dir, "cityflow --file %s --horizon 30m,15m,30m", csv);
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.out().strip())
                .isEqualTo(
                        "streamwall run cityflow: --horizon: 30m is given twice; give each horizon"
                                + " once");
    }

    private static byte[] row(Instant t, String machine, String sensor, double value) {
        return String.format(Locale.ROOT, "%s,%s,%s,%.3f%n", t, machine, sensor, value)
                .getBytes(StandardCharsets.UTF_8);
    }
}
