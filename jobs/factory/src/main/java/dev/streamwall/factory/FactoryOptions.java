package dev.streamwall.factory;

import dev.streamwall.common.job.JobOptions;
import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.factory.functions.SensorLimits;
import dev.streamwall.wire.Topics;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every option of the factory job, with its default and help; read once in {@code main}. */
@Command(
        name = "factory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Machine sensor readings to anomaly scores, windowed statistics and maintenance alerts"
                        + " (Apache Flink job).")
public class FactoryOptions extends JobOptions {

    public FactoryOptions() {
        super("streamwall-factory");
    }

    @Option(
            names = "--readings-topic",
            defaultValue = Topics.FACTORY_READINGS,
            description = "Input topic of sensor readings (default: ${DEFAULT-VALUE}).")
    public String readingsTopic;

    @Option(
            names = "--labels-topic",
            defaultValue = Topics.FACTORY_LABELS,
            description =
                    "Ground truth of injected faults, read by the evaluation, not by the job (default: ${DEFAULT-VALUE}).")
    public String labelsTopic;

    @Option(
            names = "--anomalies-topic",
            defaultValue = Topics.FACTORY_ANOMALIES,
            description = "Output topic of anomaly episodes (default: ${DEFAULT-VALUE}).")
    public String anomaliesTopic;

    @Option(
            names = "--alerts-topic",
            defaultValue = Topics.FACTORY_ALERTS,
            description = "Output topic of maintenance alerts (default: ${DEFAULT-VALUE}).")
    public String alertsTopic;

    @Option(
            names = "--provisional-alerts-topic",
            paramLabel = "TOPIC",
            description =
                    "Also write each match of the rules of one episode (overheating, pressure leak,"
                            + " stuck sensor, anomaly; not predictive maintenance, which pairs two"
                            + " sensors within a time) as soon as it is made, from the readings in"
                            + " arrival order, to this topic (at least once, status PROVISIONAL,"
                            + " the id of the alert it opens; the alerts in --alerts-topic wait for"
                            + " the watermark); off by default.")
    public String provisionalAlertsTopic;

    @Option(
            names = "--dead-letter-topic",
            defaultValue = Topics.FACTORY_DEAD_LETTERS,
            description =
                    "Topic for records the job cannot use, with the reason (default: ${DEFAULT-VALUE}).")
    public String deadLetterTopic;

    @Option(
            names = "--late-topic",
            defaultValue = Topics.FACTORY_READINGS_LATE,
            description =
                    "Topic for readings that arrived after the watermark (default: ${DEFAULT-VALUE}).")
    public String lateTopic;

    @Option(
            names = "--sensors",
            split = ",",
            paramLabel = "NAME",
            defaultValue = "temp,vibration,pressure",
            description =
                    "Sensor names the job accepts; others are dead-lettered as UNKNOWN_SENSOR (default: ${DEFAULT-VALUE}).")
    public List<String> sensors;

    @Option(
            names = "--sensor-limits",
            paramLabel = "NAME=MIN:MAX,...",
            defaultValue = SensorLimits.DEFAULTS,
            description =
                    "Values a sensor cannot report, dead-lettered as OUT_OF_RANGE; a spelling of a known kind (Temperature) takes the kind's limits; either end may be empty; none: no limits. The defaults reject only the physically impossible (default: ${DEFAULT-VALUE}).")
    public String sensorLimits;

    @Option(
            names = "--learning",
            paramLabel = "READINGS",
            defaultValue = "120",
            description =
                    "Readings of a new or restarted sensor that are only learnt before anomalies are reported; learning goes on while its level is still settling, up to ten times that (default: ${DEFAULT-VALUE}).")
    public int learning;

    @Option(
            names = "--idle-retention",
            paramLabel = "DURATION",
            defaultValue = "30m",
            converter = DurationConverter.class,
            description =
                    "Silence of a sensor, event time, after which its state is dropped (default: ${DEFAULT-VALUE}).")
    public Duration idleRetention;

    @Option(
            names = "--stuck-after",
            paramLabel = "N",
            defaultValue = "30",
            description =
                    "Identical consecutive readings that make a sensor STUCK (default: ${DEFAULT-VALUE}).")
    public int stuckAfter;

    @Option(
            names = "--patience",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "The longest the detector pools a sensor's readings before it reports: at 1 Hz it waits for 10 anomalous readings in a row, a sensor sampled every minute is judged on its last reading (default: ${DEFAULT-VALUE}).")
    public Duration patience;

    @Option(
            names = "--stats-window",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Size of the sliding statistics windows (default: ${DEFAULT-VALUE}).")
    public Duration statsWindow;

    @Option(
            names = "--stats-slide",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = DurationConverter.class,
            description = "Slide of the statistics windows (default: ${DEFAULT-VALUE}).")
    public Duration statsSlide;

    @Option(
            names = "--readings-decimation",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Store every N-th reading per sensor in sensor_readings (default: ${DEFAULT-VALUE}, every reading).")
    public int readingsDecimation;

    public Set<String> sensorSet() {
        return new LinkedHashSet<>(sensors);
    }
}
