package dev.streamwall.generators.city;

import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.generators.replay.CsvCells;
import dev.streamwall.generators.replay.CsvReplay;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/**
 * How a road-sensor recording is laid out, for {@code replay city} and {@code run cityflow} (a
 * picocli mixin): long rows or a wide matrix, the speed unit, and the times of a matrix without a
 * timestamp column.
 */
public class CityFileFormat {

    /** The two layouts. */
    public enum Layout {
        LONG,
        MATRIX
    }

    @Option(
            names = "--format",
            defaultValue = "LONG",
            paramLabel = "LAYOUT",
            description =
                    "long: ts,sensor,road,speed[,flow,occupancy], one reading per row; matrix: one"
                            + " column per sensor (the header holds the sensor ids), one row per"
                            + " time step, with a timestamp column or --start and --step"
                            + " (default: ${DEFAULT-VALUE}).")
    public Layout layout;

    @Option(
            names = "--speed-unit",
            defaultValue = "KMH",
            paramLabel = "UNIT",
            description = "Unit of the speeds: kmh or mph; the job works in km/h (default: kmh).")
    public CityCsvMapper.SpeedUnit speedUnit;

    @Option(
            names = "--start",
            paramLabel = "TIME",
            description =
                    "Matrix: the time of the first row, ISO-8601 with a zone"
                            + " (2024-03-01T00:00:00Z) or local to --time-zone (2024-03-01T00:00).")
    public String start;

    @Option(
            names = "--step",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Matrix: the time between rows, for example 5m.")
    public Duration step;

    @Option(
            names = "--time-zone",
            defaultValue = "UTC",
            paramLabel = "ZONE",
            description =
                    "Zone of a --start without one, for example America/New_York (default: UTC).")
    public String timeZone;

    @Option(
            names = "--zero-is-missing",
            description =
                    "Matrix: a speed of 0 marks a missing reading (as many exports write it).")
    public boolean zeroIsMissing;

    /**
     * The mapper for this layout.
     *
     * @throws IllegalArgumentException on options that do not fit together, in one line
     */
    public CsvReplay.RowMapper mapper() {
        if (layout == Layout.LONG) {
            if (start != null || step != null || zeroIsMissing) {
                throw new IllegalArgumentException(
                        "--start, --step and --zero-is-missing are for --format matrix");
            }
            return new CityCsvMapper(speedUnit);
        }
        return new CityMatrixMapper(startInstant(), step, speedUnit, zeroIsMissing);
    }

    private Instant startInstant() {
        if (start == null) {
            return null;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "--time-zone '" + timeZone + "' is not a zone such as UTC or Europe/Paris");
        }
        LocalDateTime local = local(start);
        if (local != null) {
            return local.atZone(zone).toInstant();
        }
        try {
            return Instant.ofEpochMilli(CsvCells.parseTimestamp(start));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--start '" + start + "' is not a time such as 2024-03-01T00:00");
        }
    }

    /** {@code s} as a date-time without a zone, or null when it is not one. */
    private static LocalDateTime local(String s) {
        try {
            return LocalDateTime.parse(s.trim().replace(' ', 'T'));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
