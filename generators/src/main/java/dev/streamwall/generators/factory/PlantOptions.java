package dev.streamwall.generators.factory;

import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.generators.wire.TransportFaults;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that describe a simulated plant (a picocli mixin), shared by {@code generate factory}
 * and {@code demo factory}.
 */
public class PlantOptions {

    private final String defaultStart;

    @Option(
            names = "--machines",
            defaultValue = "50",
            description = "Machines M01..Mnn (default: ${DEFAULT-VALUE}).")
    public int machines;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(
            names = "--sim-duration",
            defaultValue = "12h",
            converter = DurationConverter.class,
            description = "Simulated time to cover (default: ${DEFAULT-VALUE}).")
    public Duration simDuration;

    @Option(
            names = "--start-time",
            description =
                    "Simulated time of the first reading, ISO-8601 or 'now' (default: ${DEFAULT-VALUE}).")
    public String startTime;

    @Option(
            names = "--faults",
            defaultValue = "default",
            description =
                    "default (a seeded mix: 8 %% of machines bearing wear, 8 %% overheating, 6 %% leaks,"
                            + " 6 %% stuck sensors), all (one of each), none, or a list of"
                            + " TYPE[@MACHINE][+ONSET], e.g. bearing_wear@M03+40m,overheating (default: ${DEFAULT-VALUE}).")
    public String faults;

    @Option(
            names = "--first-fault",
            defaultValue = "30m",
            converter = DurationConverter.class,
            description =
                    "Earliest onset of faults without one, simulated time after the start (default: ${DEFAULT-VALUE}).")
    public Duration firstFault;

    @Option(
            names = "--fault-spread",
            defaultValue = "60m",
            converter = DurationConverter.class,
            description =
                    "Onsets are spread over this span after --first-fault (default: ${DEFAULT-VALUE}).")
    public Duration faultSpread;

    @Option(
            names = "--spikes-per-hour",
            defaultValue = "1.5",
            description =
                    "Noise spikes (not faults) per sensor and hour (default: ${DEFAULT-VALUE}).")
    public double spikesPerHour;

    @Option(
            names = "--transport-faults",
            defaultValue = "none",
            description =
                    "Delivery faults: none, default (out-of-order=0.01, the rest 0.001) or"
                            + " out-of-order=R,late=R,duplicate=R,malformed=R (default: ${DEFAULT-VALUE}).")
    public String transportFaults;

    /**
     * @param defaultStart the start time when none is given: ISO-8601 or {@code now}
     */
    public PlantOptions(String defaultStart) {
        this.defaultStart = defaultStart;
    }

    public PlantOptions() {
        this(PlantConfig.DEFAULT_START.toString());
    }

    /** The plant the options describe; a bad value is a usage error of {@code cli}. */
    public PlantConfig toConfig(CommandLine cli) {
        String s = startTime == null ? defaultStart : startTime;
        Instant start;
        try {
            start =
                    "now".equalsIgnoreCase(s)
                            ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                            : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ParameterException(
                    cli,
                    "Invalid value for option '--start-time': '" + s + "' is not ISO-8601 or now");
        }
        try {
            return PlantConfig.defaults()
                    .withSeed(seed)
                    .withMachines(machines)
                    .withStart(start)
                    .withDuration(simDuration)
                    .withFaults(faults)
                    .withOnsets(firstFault, faultSpread)
                    .withSpikesPerHour(spikesPerHour);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, "Invalid option: " + e.getMessage());
        }
    }

    public TransportFaults transportFaults(CommandLine cli) {
        try {
            return TransportFaults.parse(transportFaults);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    cli, "Invalid value for option '--transport-faults': " + e.getMessage());
        }
    }
}
