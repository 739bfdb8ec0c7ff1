package dev.streamwall.runner.run;

import dev.streamwall.generators.replay.CsvCells;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.wire.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a lap-timing CSV, one row per car and lap, to the pitwall job's lap records. Needs the whole
 * file first ({@link #scan}): the entry list, each race's laps, and what the file leaves out, from
 * the rest of it: a lap's end time (the car's lap times summed from {@code start}, or a session
 * time column), its position (the order in which the cars completed that lap) and the race distance
 * (its last lap). Several races in one file without end times start a day apart, in the order they
 * first appear (a season's lap times, say), so that each is a gap in the recording after the one
 * before rather than laid over it.
 *
 * <p>Columns (any case; the first found of each list): car {@code car, number, driver_number} or
 * driver {@code driver, driver_code, abbreviation} (numbered in order of appearance when there are
 * no numbers); {@code lap, lap_number}; lap time {@code lap_time_ms, lap_time, laptime} in ms,
 * seconds, {@code m:ss.SSS} or {@code 0 days 00:01:32.456}; optional race {@code race, race_id,
 * event}, {@code position, pos}, end time {@code lap_end_ts, time} (a timestamp, or a session time
 * such as {@code 0 days 01:02:03.456}), {@code pit_in}, {@code pit_out} (or their times), {@code
 * compound, tyre_compound}, {@code tyre_age, tyre_life}, {@code track_status} (names or F1 status
 * codes) and {@code total_laps}.
 */
final class LapCsvMapper implements CsvReplay.RowMapper {

    static final List<String> RACE = List.of("race", "race_id", "raceid", "event", "eventname");
    static final List<String> CAR =
            List.of("car", "number", "driver_number", "drivernumber", "driverid", "driver_id");
    static final List<String> DRIVER = List.of("driver", "driver_code", "abbreviation");
    static final List<String> LAP = List.of("lap", "lap_number", "lapnumber");
    static final List<String> LAP_TIME = List.of("lap_time_ms", "lap_time", "laptime");
    static final List<String> POSITION = List.of("position", "pos");
    static final List<String> END = List.of("lap_end_ts", "time", "timestamp");
    static final List<String> PIT_IN = List.of("pit_in", "pitin", "pit_in_time", "pitintime");
    static final List<String> PIT_OUT = List.of("pit_out", "pitout", "pit_out_time", "pitouttime");
    static final List<String> COMPOUND = List.of("compound", "tyre_compound", "tyre");
    static final List<String> TYRE_AGE = List.of("tyre_age", "tyre_life", "tyrelife");
    static final List<String> STATUS = List.of("track_status", "trackstatus");
    static final List<String> TOTAL = List.of("total_laps", "totallaps");

    private static final Pattern CLOCK =
            Pattern.compile("(?:(\\d+) days? )?(?:(\\d+):)?(\\d+):(\\d+(?:\\.\\d+)?)");
    private static final Set<String> COMPOUNDS =
            Set.of("SOFT", "MEDIUM", "HARD", "INTERMEDIATE", "WET");

    private final String defaultRace;
    private final Instant start;
    private final Map<String, Integer> numbers = new LinkedHashMap<>();
    private final Set<Integer> cars = new LinkedHashSet<>();
    private final Map<String, Integer> lastLap = new HashMap<>();
    private final Map<String, Long> lapEnd = new HashMap<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, TreeMap<Integer, Boolean>> stops = new TreeMap<>();
    private boolean endsFromLapTimes;

    /** The races in the order they first appear: race i starts i days after {@code start}. */
    private final Map<String, Integer> raceOrder = new LinkedHashMap<>();

    private static final long DAY_MS = 86_400_000L;

    private LapCsvMapper(String defaultRace, Instant start) {
        this.defaultRace = defaultRace;
        this.start = start;
    }

    /** Reads {@code csv} once for the entry list, each lap's end time and position. */
    static LapCsvMapper scan(Path csv, String race, Instant start) {
        String name = csv.getFileName().toString();
        LapCsvMapper m =
                new LapCsvMapper(race != null ? race : name.replaceFirst("\\.[^.]*$", ""), start);
        Map<String, TreeMap<Integer, Long>> lapTimes = new HashMap<>();
        Map<String, Long> explicitEnds = new HashMap<>();
        CsvReplay.scan(
                csv,
                columns -> {
                    try {
                        String r = m.race(columns);
                        m.raceOrder.putIfAbsent(r, m.raceOrder.size());
                        int car = m.car(columns);
                        int lap = lap(columns);
                        m.cars.add(car);
                        m.lastLap.merge(r, lap, Math::max);
                        TreeMap<Integer, Boolean> carStops =
                                m.stops.computeIfAbsent(r + "/" + car, k -> new TreeMap<>());
                        if (flag(value(columns, PIT_IN))) {
                            carStops.put(lap, true);
                        }
                        Long end = m.explicitEnd(columns, r);
                        if (end != null) {
                            explicitEnds.put(key(r, car, lap), end);
                        }
                        lapTimes.computeIfAbsent(r + "/" + car, k -> new TreeMap<>())
                                .put(lap, lapTimeMs(columns));
                    } catch (IllegalArgumentException reportedByTheReplay) {
                        // the replay rejects the row with its line
                    }
                });
        m.endsFromLapTimes = explicitEnds.isEmpty();
        Map<String, List<long[]>> byLap = new HashMap<>();
        lapTimes.forEach(
                (raceCar, laps) -> {
                    int slash = raceCar.lastIndexOf('/');
                    String r = raceCar.substring(0, slash);
                    int car = Integer.parseInt(raceCar.substring(slash + 1));
                    long sum = 0;
                    for (var lap : laps.entrySet()) {
                        sum += lap.getValue();
                        String k = key(r, car, lap.getKey());
                        long end = explicitEnds.getOrDefault(k, m.raceStart(r) + sum);
                        m.lapEnd.put(k, end);
                        byLap.computeIfAbsent(r + "/" + lap.getKey(), x -> new ArrayList<>())
                                .add(new long[] {end, car});
                    }
                });
        byLap.forEach(
                (raceLap, ends) -> {
                    ends.sort(
                            (a, b) ->
                                    a[0] != b[0]
                                            ? Long.compare(a[0], b[0])
                                            : Long.compare(a[1], b[1]));
                    String r = raceLap.substring(0, raceLap.lastIndexOf('/'));
                    int lap = Integer.parseInt(raceLap.substring(raceLap.lastIndexOf('/') + 1));
                    for (int i = 0; i < ends.size(); i++) {
                        m.positions.put(key(r, (int) ends.get(i)[1], lap), i + 1);
                    }
                });
        return m;
    }

    /**
     * The pit stops the file records (a pit-in flag or time), as in-laps by "race/car"; every car
     * of the file has an entry, empty when it never stopped.
     */
    Map<String, Set<Integer>> stops() {
        Map<String, Set<Integer>> out = new TreeMap<>();
        stops.forEach((raceCar, laps) -> out.put(raceCar, laps.keySet()));
        return out;
    }

    /**
     * Replaces the stops with those of a pit-stop file ({@code race, car or driver, lap}, the
     * in-lap; race optional), for scoring the calls only: the job still sees the lap file alone.
     */
    void stopsFrom(Path pitStops) {
        if (!java.nio.file.Files.isRegularFile(pitStops)) {
            throw new IllegalArgumentException(
                    "--pit-stops "
                            + pitStops.toAbsolutePath()
                            + " does not exist or is not a file");
        }
        stops.values().forEach(TreeMap::clear);
        int[] read = {0};
        CsvReplay.scan(
                pitStops,
                columns -> {
                    try {
                        String raceCar = race(columns) + "/" + car(columns);
                        TreeMap<Integer, Boolean> carStops = stops.get(raceCar);
                        if (carStops != null) {
                            carStops.put(lap(columns), true);
                            read[0]++;
                        }
                    } catch (IllegalArgumentException notAStop) {
                        // counted below when no row is usable
                    }
                });
        if (read[0] == 0) {
            throw new IllegalArgumentException(
                    "--pit-stops "
                            + pitStops
                            + " has no stop of a car and race of the lap file (columns race, car"
                            + " or driver, lap)");
        }
    }

    /** The last lap of a race in the file. */
    int lastLap(String race) {
        return lastLap.getOrDefault(race, 0);
    }

    /** Whether there are stops to score against (a pit-in column or a pit-stop file). */
    boolean recordsStops() {
        return stops.values().stream().anyMatch(laps -> !laps.isEmpty());
    }

    /** The car numbers the file holds, for the job's entry list. */
    Set<Integer> cars() {
        return cars;
    }

    @Override
    public String describeTime() {
        if (!endsFromLapTimes) {
            return null;
        }
        return raceOrder.size() > 1
                ? "from the lap times, "
                        + raceOrder.size()
                        + " races a day apart in file order, the first starting at "
                        + start
                : "from the lap times, the race starting at " + start;
    }

    @Override
    public CsvReplay.Row map(Map<String, String> columns) {
        LapTiming lap = new LapTiming();
        lap.raceId = race(columns);
        lap.car = car(columns);
        String driver = value(columns, DRIVER);
        lap.driver = driver;
        lap.lap = lap(columns);
        lap.lapTimeMs = lapTimeMs(columns);
        String k = key(lap.raceId, lap.car, lap.lap);
        Long end = lapEnd.get(k);
        lap.lapEndTs = end != null ? end : raceStart(lap.raceId);
        String total = value(columns, TOTAL);
        lap.totalLaps = total != null ? (int) number("total_laps", total) : lastLap.get(lap.raceId);
        String position = value(columns, POSITION);
        lap.position =
                position != null
                        ? (int) number("position", position)
                        : positions.getOrDefault(k, 1);
        lap.pitIn = flag(value(columns, PIT_IN));
        lap.pitOut = flag(value(columns, PIT_OUT));
        String compound = value(columns, COMPOUND);
        if (compound != null && COMPOUNDS.contains(compound.toUpperCase(Locale.ROOT))) {
            lap.tyreCompound = compound.toUpperCase(Locale.ROOT);
        }
        String age = value(columns, TYRE_AGE);
        if (age != null) {
            lap.tyreAge = (int) Math.round(number("tyre_age", age));
        }
        lap.trackStatus = trackStatus(value(columns, STATUS));
        return new CsvReplay.Row(Integer.toString(lap.car), lap.lapEndTs, Json.toBytes(lap));
    }

    private String race(Map<String, String> columns) {
        String r = value(columns, RACE);
        return r != null ? r : defaultRace;
    }

    private int car(Map<String, String> columns) {
        String number = value(columns, CAR);
        String driver = value(columns, DRIVER);
        if (number != null) {
            int car = (int) number("car", number);
            if (driver != null) {
                // So that a pit-stop file that names drivers finds their cars.
                numbers.putIfAbsent(driver, car);
            }
            return car;
        }
        if (driver == null) {
            throw new IllegalArgumentException(
                    "no car: give one of "
                            + CAR
                            + " or "
                            + DRIVER
                            + " (the header has "
                            + columns.keySet()
                            + ")");
        }
        return numbers.computeIfAbsent(driver, d -> numbers.size() + 1);
    }

    private static int lap(Map<String, String> columns) {
        String lap = value(columns, LAP);
        if (lap == null) {
            throw new IllegalArgumentException(
                    "no lap number: give one of "
                            + LAP
                            + " (the header has "
                            + columns.keySet()
                            + ")");
        }
        return (int) number("lap", lap);
    }

    /** When {@code race} started: {@code start}, plus a day for each race before it in the file. */
    private long raceStart(String race) {
        return start.toEpochMilli() + raceOrder.getOrDefault(race, 0) * DAY_MS;
    }

    private Long explicitEnd(Map<String, String> columns, String race) {
        String v = value(columns, END);
        if (v == null) {
            return null;
        }
        Long clock = clockMs(v);
        return clock != null ? raceStart(race) + clock : CsvCells.parseTimestamp(v);
    }

    /** A lap time in ms: ms, seconds, m:ss.SSS or a timedelta such as 0 days 00:01:32.456. */
    static long lapTimeMs(Map<String, String> columns) {
        String v = value(columns, LAP_TIME);
        if (v == null || v.equalsIgnoreCase("NaT") || v.equalsIgnoreCase("nan")) {
            throw new IllegalArgumentException("no lap time (" + LAP_TIME + " empty or missing)");
        }
        Long clock = clockMs(v);
        if (clock != null) {
            return clock;
        }
        double n = number("lap_time", v);
        return Math.round(v.contains(".") && n < 1000 ? n * 1000 : n);
    }

    private static Long clockMs(String v) {
        Matcher m = CLOCK.matcher(v.trim());
        if (!m.matches()) {
            return null;
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long hours = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long minutes = Long.parseLong(m.group(3));
        double seconds = Double.parseDouble(m.group(4));
        return Math.round(((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000);
    }

    /** true, 1, yes, or a time (a pit-in time column): the car pitted on this lap. */
    private static boolean flag(String v) {
        if (v == null) {
            return false;
        }
        String s = v.toLowerCase(Locale.ROOT);
        return !(s.equals("false")
                || s.equals("0")
                || s.equals("no")
                || s.equals("nat")
                || s.equals("nan")
                || s.equals("0.0"));
    }

    /** A status name, or F1's codes (1 green, 2 yellow, 4 SC, 5 red, 6/7 VSC), worst first. */
    private static String trackStatus(String v) {
        if (v == null) {
            return null;
        }
        String s = v.toUpperCase(Locale.ROOT);
        if (!s.matches("[0-9]+(\\.0)?")) {
            return s;
        }
        if (s.contains("5")) {
            return "RED";
        }
        if (s.contains("4")) {
            return "SC";
        }
        if (s.contains("6") || s.contains("7")) {
            return "VSC";
        }
        if (s.contains("2")) {
            return "YELLOW";
        }
        return "GREEN";
    }

    private static String key(String race, int car, int lap) {
        return race + "/" + car + "/" + lap;
    }

    private static String value(Map<String, String> columns, List<String> names) {
        for (String n : names) {
            for (var c : columns.entrySet()) {
                if (c.getKey().trim().equalsIgnoreCase(n)) {
                    String v = c.getValue() == null ? "" : c.getValue().trim();
                    return v.isEmpty() ? null : v;
                }
            }
        }
        return null;
    }

    private static double number(String what, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is '" + v + "', not a number");
        }
    }
}
