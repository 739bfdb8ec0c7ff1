package dev.streamwall.common.options;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where and how a job reaches Kafka: the bootstrap servers and the client settings every source,
 * sink and admin client of the job shares (security.protocol, sasl.*, ssl.* and the like, from
 * {@code --kafka-properties} and {@code --kafka-property}).
 *
 * @param settings sorted and serializable, as it travels with the job graph
 */
public record KafkaClient(String bootstrapServers, TreeMap<String, String> settings)
        implements Serializable {

    public KafkaClient {
        settings = new TreeMap<>(settings);
    }

    /** A client of {@code bootstrapServers} without further settings (a PLAINTEXT broker). */
    public static KafkaClient plain(String bootstrapServers) {
        return new KafkaClient(bootstrapServers, new TreeMap<>());
    }

    /** The settings with the bootstrap servers, for a KafkaConsumer, KafkaProducer or Admin. */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(settings);
        p.setProperty("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** The settings alone, as a map for the connector builders. */
    public Map<String, String> settingsMap() {
        return settings;
    }
}
