package dev.streamwall.generators.factory;

import dev.streamwall.generators.replay.CsvReplay;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a plant recording is laid out, for {@code replay factory} and {@code run factory} (a picocli
 * mixin): long rows, or wide rows of one machine's sensors.
 */
public class PlantFileFormat {

    /** A mapper that remembers the sensor names of the readings it made. */
    public interface SensorsSeen {
        java.util.Set<String> sensorsSeen();
    }

    /** The two layouts. */
    public enum Layout {
        LONG,
        WIDE
    }

    /** Columns of a wide file that are labels, not sensors, unless --ignore says otherwise. */
    public static final List<String> LABEL_COLUMNS =
            List.of("anomaly", "changepoint", "label", "labels", "is_anomaly");

    @Option(
            names = "--format",
            defaultValue = "LONG",
            paramLabel = "LAYOUT",
            description =
                    "long: timestamp,machine,sensor,value (or timestamp,value with --machine and"
                            + " --sensor); wide: a timestamp column and one column per sensor of"
                            + " --machine (default: ${DEFAULT-VALUE}).")
    public Layout layout;

    @Option(names = "--machine", description = "Machine of rows without a machine column.")
    public String machine;

    @Option(names = "--sensor", description = "Sensor of rows without a sensor column.")
    public String sensor;

    @Option(
            names = "--ignore",
            split = ",",
            paramLabel = "COLUMN",
            description =
                    "Wide: columns that are not sensors (default: anomaly, changepoint, label,"
                            + " labels, is_anomaly).")
    public List<String> ignore;

    /** The mapper for this layout; options that do not fit together say so in one line. */
    public CsvReplay.RowMapper mapper() {
        if (layout == Layout.LONG) {
            if (ignore != null) {
                throw new IllegalArgumentException("--ignore is for --format wide");
            }
            return new PlantCsvMapper(machine, sensor);
        }
        if (sensor != null) {
            throw new IllegalArgumentException(
                    "--sensor is for the long format: a wide file names its sensors in its header");
        }
        return new PlantWideMapper(
                machine, new LinkedHashSet<>(ignore != null ? ignore : LABEL_COLUMNS));
    }
}
