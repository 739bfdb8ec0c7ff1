package dev.streamwall.pitwall;

import dev.streamwall.common.job.JobOptions;
import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.wire.Topics;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every option of the pitwall job, with its default and help; read once in {@code main}. */
@Command(
        name = "pitwall",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "F1 telemetry to lap analytics, strategy calls and anomaly alerts (Apache Flink job).")
public class PitwallOptions extends JobOptions {

    /** What feeds the job: car telemetry (everything), or recorded lap timing (strategy only). */
    public enum Input {
        TELEMETRY,
        LAPS
    }

    /** The 2025 entry list; cars outside it are dead-lettered as UNKNOWN_CAR. */
    public static final String DEFAULT_CARS =
            "1,4,5,6,10,12,14,16,18,22,23,27,30,31,43,44,55,63,81,87";

    public PitwallOptions() {
        super("streamwall-pitwall");
    }

    @Option(
            names = "--input",
            defaultValue = "TELEMETRY",
            description =
                    "TELEMETRY (the full job) or LAPS (strategy from recorded lap timing only) (default: ${DEFAULT-VALUE}).")
    public Input input;

    @Option(
            names = "--telemetry-topic",
            defaultValue = Topics.F1_TELEMETRY,
            description = "Input telemetry topic (default: ${DEFAULT-VALUE}).")
    public String telemetryTopic;

    @Option(
            names = "--laps-input-topic",
            defaultValue = Topics.F1_LAPS,
            description = "Input lap-timing topic with --input LAPS (default: ${DEFAULT-VALUE}).")
    public String lapsInputTopic;

    @Option(
            names = "--laps-topic",
            defaultValue = Topics.F1_LAPS,
            description = "Output topic of lap analytics (default: ${DEFAULT-VALUE}).")
    public String lapsTopic;

    @Option(
            names = "--provisional-laps-topic",
            paramLabel = "TOPIC",
            description =
                    "Also write each lap as soon as the first sample of the car's next lap arrives,"
                            + " before the watermark passes it, to this topic (at least once, in"
                            + " arrival order: a car's samples that arrive out of order are left out,"
                            + " so a provisional lap can differ from its final one in --laps-topic);"
                            + " off by default.")
    public String provisionalLapsTopic;

    @Option(
            names = "--provisional-calls-topic",
            paramLabel = "TOPIC",
            description =
                    "Also write strategy calls made from the provisional laps, as each arrives,"
                            + " to this topic (at least once; a provisional call can differ from"
                            + " the final one in --decisions-topic, which waits for the"
                            + " watermark); off by default.")
    public String provisionalCallsTopic;

    @Option(
            names = "--provisional-alerts-topic",
            paramLabel = "TOPIC",
            description =
                    "Also write each match of the alert rules (brake and engine overheat,"
                            + " slow puncture, stuck sensor; not dropouts) as soon as it is made,"
                            + " from the samples in arrival order, to this topic (at least once,"
                            + " status PROVISIONAL; the alerts in --alerts-topic wait for the"
                            + " watermark); off by default.")
    public String provisionalAlertsTopic;

    @Option(
            names = "--decisions-topic",
            defaultValue = Topics.F1_DECISIONS,
            description = "Output topic of strategy calls (default: ${DEFAULT-VALUE}).")
    public String decisionsTopic;

    @Option(
            names = "--alerts-topic",
            defaultValue = Topics.F1_ALERTS,
            description = "Output topic of alerts (default: ${DEFAULT-VALUE}).")
    public String alertsTopic;

    @Option(
            names = "--dead-letter-topic",
            defaultValue = Topics.F1_DEAD_LETTERS,
            description =
                    "Topic for records the job cannot use, with the reason (default: ${DEFAULT-VALUE}).")
    public String deadLetterTopic;

    @Option(
            names = "--late-topic",
            defaultValue = Topics.F1_TELEMETRY_LATE,
            description =
                    "Topic for telemetry that arrived after the watermark (default: ${DEFAULT-VALUE}).")
    public String lateTopic;

    @Option(
            names = "--cars",
            split = ",",
            paramLabel = "N",
            defaultValue = DEFAULT_CARS,
            description = "Car numbers on the entry list (default: the 2025 grid).")
    public List<Integer> cars;

    @Option(
            names = "--telemetry-decimation",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Store every N-th telemetry sample per car in the telemetry table (default: ${DEFAULT-VALUE}, every sample).")
    public int telemetryDecimation;

    @Option(
            names = "--pit-window-laps",
            paramLabel = "N",
            defaultValue = "3",
            description =
                    "Horizon of the pit-window probability, laps (default: ${DEFAULT-VALUE}).")
    public int pitWindowLaps;

    @Option(
            names = "--pit-loss",
            paramLabel = "DURATION",
            defaultValue = "20s",
            converter = DurationConverter.class,
            description =
                    "Time lost to a green-flag pit stop at this circuit (default: ${DEFAULT-VALUE}).")
    public Duration pitLoss;

    @Option(
            names = "--dropout-after",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description =
                    "Silence of a racing car, in event time, that raises a SENSOR_DROPOUT alert (default: ${DEFAULT-VALUE}).")
    public Duration dropoutAfter;

    public Set<Integer> carSet() {
        return new LinkedHashSet<>(cars);
    }
}
