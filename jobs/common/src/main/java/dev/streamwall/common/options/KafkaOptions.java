package dev.streamwall.common.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;
import picocli.CommandLine.Option;

/** The Kafka and event-time options every job shares (a picocli mixin). */
public class KafkaOptions {

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrapServers;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "Kafka client settings for every source, sink and admin client of the job, as a"
                            + " properties file: security.protocol, sasl.mechanism, sasl.jaas.config,"
                            + " ssl.truststore.location, ... A ${NAME} in a value is read from the"
                            + " environment (so passwords come from a Kubernetes Secret).")
    public Path propertiesFile;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description =
                    "One Kafka client setting (repeatable; wins over --kafka-properties), e.g."
                            + " security.protocol=SASL_SSL.")
    public Map<String, String> properties = new LinkedHashMap<>();

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

    /** Settings the job sets itself: a user's value would break it. */
    static final Set<String> RESERVED =
            Set.of(
                    "bootstrap.servers",
                    "group.id",
                    "key.serializer",
                    "value.serializer",
                    "key.deserializer",
                    "value.deserializer",
                    "enable.auto.commit",
                    "transactional.id");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

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
        return resolve(bootstrapServers, propertiesFile, properties, environment);
    }

    /**
     * The client of {@code bootstrapServers} with the settings of {@code propertiesFile} (may be
     * null), then {@code properties}, {@code ${NAME}} taken from {@code environment}; what every
     * streamwall command that talks to Kafka accepts as {@code --kafka-properties} and {@code
     * --kafka-property}.
     *
     * @throws IllegalArgumentException naming the file, key or variable that is wrong
     */
    public static KafkaClient resolve(
            String bootstrapServers,
            Path propertiesFile,
            Map<String, String> properties,
            Map<String, String> environment) {
        TreeMap<String, String> settings = new TreeMap<>();
        if (propertiesFile != null) {
            Properties file = new Properties();
            try (var in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--kafka-properties "
                                + propertiesFile
                                + " cannot be read: "
                                + e.getMessage());
            }
            file.forEach((k, v) -> settings.put(k.toString().trim(), v.toString().trim()));
        }
        properties.forEach((k, v) -> settings.put(k.trim(), v.trim()));
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (RESERVED.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "Kafka setting "
                                + e.getKey()
                                + " is the job's own (use --kafka or --group-id for the ones it"
                                + " takes); remove it from --kafka-properties/--kafka-property");
            }
            Matcher m = VARIABLE.matcher(e.getValue());
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                String v = environment.get(m.group(1));
                if (v == null) {
                    throw new IllegalArgumentException(
                            "Kafka setting "
                                    + e.getKey()
                                    + " refers to ${"
                                    + m.group(1)
                                    + "}, which is not set in the environment");
                }
                m.appendReplacement(value, Matcher.quoteReplacement(v));
            }
            m.appendTail(value);
            e.setValue(value.toString());
        }
        return new KafkaClient(bootstrapServers, settings);
    }

    public String groupIdOr(String job) {
        return groupId != null ? groupId : "streamwall-" + job;
    }
}
