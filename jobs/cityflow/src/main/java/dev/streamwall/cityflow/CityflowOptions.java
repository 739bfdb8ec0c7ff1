package dev.streamwall.cityflow;

import dev.streamwall.common.job.JobOptions;
import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.wire.Topics;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every option of the cityflow job, with its default and help; read once in {@code main}. */
@Command(
        name = "cityflow",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Road sensor readings to congestion now and at T+30 min, reroutes and incident alerts"
                        + " (Apache Flink job).")
public class CityflowOptions extends JobOptions {

    public CityflowOptions() {
        super("streamwall-cityflow");
    }

    @Option(
            names = "--readings-topic",
            defaultValue = Topics.CITY_READINGS,
            description = "Input topic of road sensor readings (default: ${DEFAULT-VALUE}).")
    public String readingsTopic;

    @Option(
            names = "--roads-topic",
            defaultValue = Topics.CITY_ROADS,
            description =
                    "Input topic of the road graph, one record per road, read from its start; publish a"
                            + " changed road there while the job runs (default: ${DEFAULT-VALUE}).")
    public String roadsTopic;

    @Option(
            names = "--initial-graph",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Read the roads topic to its end when the job is built, so the first readings are"
                            + " checked against the whole graph; --no-initial-graph starts from the"
                            + " roads stream alone (default: ${DEFAULT-VALUE}).")
    public boolean initialGraph;

    @Option(
            names = "--truth-topic",
            defaultValue = Topics.CITY_TRUTH,
            description =
                    "Ground truth per road and minute, read by the evaluation, not by the job (default: ${DEFAULT-VALUE}).")
    public String truthTopic;

    @Option(
            names = "--predictions-topic",
            defaultValue = Topics.CITY_PREDICTIONS,
            description = "Output topic of congestion forecasts (default: ${DEFAULT-VALUE}).")
    public String predictionsTopic;

    @Option(
            names = "--provisional-predictions-topic",
            paramLabel = "TOPIC",
            description =
                    "Also write each road's forecast as soon as the first reading of its next"
                            + " minute arrives, before the watermark passes the minute, to this"
                            + " topic (at least once, from the road's readings in arrival order:"
                            + " a reading that arrives after a later minute of its road is left"
                            + " out, so a provisional forecast can differ from its final one in"
                            + " --predictions-topic); off by default.")
    public String provisionalPredictionsTopic;

    @Option(
            names = "--reroutes-topic",
            defaultValue = Topics.CITY_REROUTES,
            description = "Output topic of reroute recommendations (default: ${DEFAULT-VALUE}).")
    public String reroutesTopic;

    @Option(
            names = "--incidents-topic",
            defaultValue = Topics.CITY_INCIDENTS,
            description =
                    "Output topic of incidents and congestion onsets (default: ${DEFAULT-VALUE}).")
    public String incidentsTopic;

    @Option(
            names = "--dead-letter-topic",
            defaultValue = Topics.CITY_DEAD_LETTERS,
            description =
                    "Topic for records the job cannot use, with the reason (default: ${DEFAULT-VALUE}).")
    public String deadLetterTopic;

    @Option(
            names = "--late-topic",
            defaultValue = Topics.CITY_READINGS_LATE,
            description =
                    "Topic for readings that arrived after their minute was closed (default: ${DEFAULT-VALUE}).")
    public String lateTopic;

    @Option(
            names = "--horizon",
            paramLabel = "DURATION",
            defaultValue = "30m",
            converter = DurationConverter.class,
            description =
                    "How far ahead congestion is predicted, whole minutes (default: ${DEFAULT-VALUE}).")
    public Duration horizon;

    @Option(
            names = "--extra-horizons",
            paramLabel = "DURATION",
            split = ",",
            converter = DurationConverter.class,
            description =
                    "More horizons to forecast besides --horizon, e.g. 15m,60m (at most 4): each is"
                            + " a predictor of its own (state per road and horizon) whose forecasts"
                            + " go to the predictions table and topic with their horizon_min;"
                            + " reroutes and incidents use --horizon's.")
    public List<Duration> extraHorizons;

    @Option(
            names = "--reroute-threshold",
            paramLabel = "SCORE",
            defaultValue = "0.5",
            description =
                    "Predicted congestion above which alternatives are looked for (default: ${DEFAULT-VALUE}).")
    public double rerouteThreshold;

    @Option(
            names = "--min-eta-gain",
            paramLabel = "MINUTES",
            defaultValue = "0.5",
            description =
                    "An alternative must be at least this much faster to be recommended (default: ${DEFAULT-VALUE}).")
    public double minEtaGain;

    @Option(
            names = "--onset-ratio",
            paramLabel = "RATIO",
            defaultValue = "0.7",
            description =
                    "Congestion onset: speed below this share of free flow, with occupancy rising, for"
                            + " --onset-minutes minutes in a row (default: ${DEFAULT-VALUE}).")
    public double onsetRatio;

    @Option(
            names = "--onset-minutes",
            paramLabel = "N",
            defaultValue = "3",
            description = "Consecutive minutes for a congestion onset (default: ${DEFAULT-VALUE}).")
    public int onsetMinutes;

    @Option(
            names = "--incident-ratio",
            paramLabel = "RATIO",
            defaultValue = "0.5",
            description =
                    "Incident: a flowing road drops below this share of free flow within 6 minutes while"
                            + " the roads it feeds stay above --onset-ratio (default: ${DEFAULT-VALUE}).")
    public double incidentRatio;

    @Option(
            names = "--co2-curve",
            paramLabel = "A,B,C,D",
            defaultValue = "0.6,0.075,-0.0008,0.0000065",
            description =
                    "Petrol car fuel use in litres/km = A/v + B + C*v + D*v^2 (v in km/h), times"
                            + " 2,348 g CO2 per litre, for the CO2 gains of reroutes (default: ${DEFAULT-VALUE}).")
    public String co2Curve;

    @Option(
            names = "--time-zone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description =
                    "The city's time zone, for the time-of-day profile's quarter-hours and weekends (default: ${DEFAULT-VALUE}).")
    public String timeZone;

    @Option(
            names = "--readings-decimation",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Store every N-th reading per sensor in traffic_raw (default: ${DEFAULT-VALUE}, every reading).")
    public int readingsDecimation;
}
