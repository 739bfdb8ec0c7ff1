package dev.streamwall.generators.city;

import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.generators.wire.TransportFaults;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The simulated city's options, shared by {@code generate city} and {@code demo cityflow}. */
public class CityOptions {

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(
            names = {"--start", "--start-time"},
            defaultValue = "2026-03-03T06:30:00Z",
            description =
                    "Simulated start: ISO-8601, or 'now' (this minute, so that live dashboards show"
                            + " it) (default: ${DEFAULT-VALUE}, a weekday before the rush).")
    public String start;

    @Option(
            names = "--sim-duration",
            defaultValue = "4h",
            converter = DurationConverter.class,
            description = "Simulated time to play (default: ${DEFAULT-VALUE}).")
    public Duration duration;

    @Option(
            names = "--incidents",
            defaultValue = "",
            description =
                    "Lane closures such as R20@60m+40m,R33@2h/2 (road@start[+length][/lanes closed]).")
    public String incidents;

    @Option(
            names = "--incidents-per-hour",
            defaultValue = "1",
            description = "Random lane closures per simulated hour (default: ${DEFAULT-VALUE}).")
    public double incidentsPerHour;

    @Option(
            names = "--network",
            paramLabel = "FILE",
            description =
                    "Road network CSV: road,from,to, length_m or length_mi, free_flow_kmh or"
                            + " free_flow_mph, optional lanes (default 1), capacity_vph (default"
                            + " 1800 a lane), from_lat,from_lon,to_lat,to_lon; default: the built-in"
                            + " city of 52 roads.")
    public Path network;

    @Option(
            names = "--transport-faults",
            defaultValue = "none",
            description =
                    "none, default, or out-of-order=0.01,late=0.001,duplicate=0.001,malformed=0.001 (default: ${DEFAULT-VALUE}).")
    public String transportFaults;

    /** The city the options describe; a bad option is a usage error of {@code cli}. */
    public CityConfig toConfig(CommandLine cli) {
        try {
            CityConfig c =
                    CityConfig.defaults()
                            .withSeed(seed)
                            .withStart(parseStart(cli))
                            .withDuration(duration);
            if (network != null) {
                c = c.withNetwork(RoadNetwork.load(network));
            }
            return c.withIncidents(incidents, incidentsPerHour);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage(), e);
        }
    }

    public TransportFaults transportFaults(CommandLine cli) {
        try {
            return TransportFaults.parse(transportFaults);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage(), e);
        }
    }

    private Instant parseStart(CommandLine cli) {
        String s = start.trim();
        if (s.equalsIgnoreCase("now")) {
            return Instant.now().truncatedTo(ChronoUnit.MINUTES);
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ParameterException(
                        cli,
                        "Invalid value for option '--start': '"
                                + s
                                + "' is neither ISO-8601 (2026-03-03T06:30:00Z) nor now");
            }
        }
    }
}
