package dev.streamwall.common.options;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The Kafka and event-time options every job shares (a picocli mixin). */
public class KafkaOptions {

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrapServers;

    /** {@code --kafka-properties} and {@code --kafka-property}: TLS, SASL and the like. */
    @Mixin public KafkaClientOptions clientOptions = new KafkaClientOptions();

    @Option(
            names = "--group-id",
            paramLabel = "ID",
            description = "Kafka consumer group of the job (default: streamwall-<job>).")
    public String groupId;

    @Option(
            names = "--start-from",
            paramLabel = "WHERE",
            defaultValue = "COMMITTED",
            description =
                    "Where to start without checkpointed offsets: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; COMMITTED falls back to EARLIEST).")
    public StartFrom startFrom;

    @Option(
            names = "--out-of-orderness",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description =
                    "How far behind the newest event an event may arrive and still count (watermark bound; default: ${DEFAULT-VALUE}).")
    public Duration outOfOrderness;

    @Option(
            names = "--watermark-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How often sources emit watermarks (wall clock); results wait up to this long"
                            + " on top of --out-of-orderness (default: Flink's"
                            + " pipeline.auto-watermark-interval, 200ms).")
    public Duration watermarkInterval;

    @Option(
            names = "--idleness",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description =
                    "After this long without records a partition stops holding the watermark back; not with --bounded (default: ${DEFAULT-VALUE}).")
    public Duration idleness;

    @Option(
            names = "--max-future-skew",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description =
                    "Dead-letter a record (FUTURE_TIMESTAMP) whose event time is more than this, and"
                            + " more than 1000 typical steps of its partition, ahead of the newest"
                            + " record of the partition, so that it cannot move the watermark; 0 turns"
                            + " the check off (default: ${DEFAULT-VALUE}).")
    public Duration maxFutureSkew;

    @Option(
            names = "--kafka-delivery",
            paramLabel = "GUARANTEE",
            defaultValue = "EXACTLY_ONCE",
            description =
                    "Delivery guarantee of the Kafka outputs: EXACTLY_ONCE (Kafka transactions committed"
                            + " with each checkpoint: consumers reading read_committed see every record"
                            + " once, a checkpoint interval after it was written) or AT_LEAST_ONCE (at"
                            + " once, but a restart may repeat records) (default: ${DEFAULT-VALUE}).")
    public DeliveryGuarantee delivery;

    @Option(
            names = "--bounded",
            defaultValue = "false",
            description =
                    "Read the input topics up to their end offsets at start, then finish: a backfill or replay of recorded data (--idleness does not apply: every partition ends).")
    public boolean bounded;

    /**
     * The bootstrap servers and client settings: {@code --kafka-properties}, then each {@code
     * --kafka-property}, with {@code ${NAME}} taken from the environment.
     *
     * @throws IllegalArgumentException naming the file, key or variable that is wrong
     */
    public KafkaClient client() {
        return client(System.getenv());
    }

    KafkaClient client(Map<String, String> environment) {
        return clientOptions.client(bootstrapServers, environment);
    }

    public String groupIdOr(String job) {
        return groupId != null ? groupId : "streamwall-" + job;
    }
}
