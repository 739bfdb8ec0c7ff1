package dev.streamwall.generators;

import dev.streamwall.generators.f1.FaultSpec;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.wire.TransportFaults;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that describe a simulated race (a picocli mixin shared by the generator CLI and the
 * demo runner), and their translation into a {@link RaceConfig}.
 */
public class RaceOptions {

    @Option(
            names = "--seed",
            defaultValue = "42",
            description =
                    "Random seed; the whole race follows from it (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(
            names = "--race-id",
            description =
                    "Race id in every record (default: <circuit>-<seed>, with the start time"
                            + " appended when the race starts now).")
    public String raceId;

    @Option(
            names = "--laps",
            defaultValue = "52",
            description = "Race distance in laps, 1 to 200 (default: ${DEFAULT-VALUE}).")
    public int laps;

    @Option(
            names = "--hz",
            defaultValue = "100",
            description = "Samples per second per car, 1 to 100 (default: ${DEFAULT-VALUE}).")
    public int hz;

    @Option(
            names = "--cars",
            defaultValue = "20",
            description =
                    "Number of cars, the first N of the 2025 grid (default: ${DEFAULT-VALUE}).")
    public int cars;

    @Option(
            names = "--start-time",
            description =
                    "Event time of lights out: ISO-8601 (2025-07-06T14:00:00Z), epoch ms, or 'now'"
                            + " (default: ${DEFAULT-VALUE}).")
    public String startTime;

    @Option(
            names = "--faults",
            defaultValue = "all",
            description =
                    "Car faults: 'all' (one of each on seeded cars), 'none', or a comma list of"
                            + " brake_overheat, slow_puncture, engine_overheat, stuck_sensor,"
                            + " sensor_dropout, each optionally pinned to a car as name@car or"
                            + " name:car (default: ${DEFAULT-VALUE}).")
    public String faults;

    @Option(
            names = "--no-pit-car",
            description = "Car number that never pits, so its tyres run past the cliff.")
    public Integer noPitCar;

    @Option(
            names = "--neutralisations",
            defaultValue = "seeded",
            description =
                    "Safety-car and VSC periods: 'seeded' (a full race gets a VSC and maybe a"
                            + " safety car) or 'none' (default: ${DEFAULT-VALUE}).")
    public String neutralisations;

    @Option(
            names = "--transport-faults",
            defaultValue = "none",
            description =
                    "Delivery faults: 'none', 'default' (out-of-order=0.01, the rest 0.001) or"
                            + " per-record rates such as"
                            + " out-of-order=0.01,late=0.001,duplicate=0.001,malformed=0.001"
                            + " (default: ${DEFAULT-VALUE}).")
    public String transportFaults;

    /** With the start time used when {@code --start-time} is not given. */
    public RaceOptions(String defaultStartTime) {
        this.startTime = defaultStartTime;
    }

    public RaceOptions() {
        this("now");
    }

    /** The race these options describe; a bad value is reported as a usage error of {@code cl}. */
    public RaceConfig toConfig(CommandLine cl) {
        boolean now = startTime.trim().equalsIgnoreCase("now");
        long start = parseStart(cl);
        RaceConfig.Builder b =
                RaceConfig.builder().seed(seed).laps(laps).sampleHz(hz).cars(cars).startTime(start);
        if (raceId != null) {
            b.raceId(raceId);
        } else if (now) {
            // Runs that start now get their own id, so results of different runs never mix.
            b.raceId(
                    "silverstone-"
                            + seed
                            + "-"
                            + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                                    .withZone(ZoneOffset.UTC)
                                    .format(Instant.ofEpochMilli(start)));
        }
        if (noPitCar != null) {
            b.noPitCar(noPitCar);
        }
        String f = faults.trim().toLowerCase(Locale.ROOT);
        if (f.equals("all")) {
            b.allFaults();
        } else if (f.equals("none")) {
            b.noFaults();
        } else {
            List<FaultSpec> list = new ArrayList<>();
            for (String part : f.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    list.add(FaultSpec.parse(part));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(
                            cl, "Invalid value for option '--faults': " + e.getMessage());
                }
            }
            b.faults(list);
        }
        switch (neutralisations.trim().toLowerCase(Locale.ROOT)) {
            case "seeded" -> b.seededNeutralisations();
            case "none" -> b.noNeutralisations();
            default ->
                    throw new ParameterException(
                            cl,
                            "Invalid value for option '--neutralisations': '"
                                    + neutralisations
                                    + "' (use seeded or none)");
        }
        try {
            b.transportFaults(TransportFaults.parse(transportFaults));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    cl, "Invalid value for option '--transport-faults': " + e.getMessage());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "Invalid race: " + e.getMessage());
        }
    }

    private long parseStart(CommandLine cl) {
        String s = startTime.trim();
        if (s.equalsIgnoreCase("now")) {
            return System.currentTimeMillis() / 1000 * 1000;
        }
        if (s.matches("\\d{10,}")) {
            return Long.parseLong(s);
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new ParameterException(
                        cl,
                        "Invalid value for option '--start-time': '"
                                + s
                                + "' is not 'now', epoch ms or ISO-8601 such as"
                                + " 2025-07-06T14:00:00Z");
            }
        }
    }
}
