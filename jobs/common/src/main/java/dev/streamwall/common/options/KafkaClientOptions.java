package dev.streamwall.common.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How a streamwall command's Kafka clients connect beyond the bootstrap servers: {@code
 * --kafka-properties FILE} and {@code --kafka-property KEY=VALUE} (TLS, SASL and the like), the
 * same for every job and generator (a picocli mixin).
 */
public class KafkaClientOptions {

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "Kafka client settings for every Kafka client of the command (a job's sources,"
                            + " sinks and admin client; a generator's producer), as a properties file: security.protocol, sasl.mechanism, sasl.jaas.config,"
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
     * The client of {@code bootstrapServers} with these settings: the file's, then each property,
     * {@code ${NAME}} taken from {@code environment}.
     *
     * @throws IllegalArgumentException naming the file, key or variable that is wrong
     */
    public KafkaClient client(String bootstrapServers, Map<String, String> environment) {
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
}
