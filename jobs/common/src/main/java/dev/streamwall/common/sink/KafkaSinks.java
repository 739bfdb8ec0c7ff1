package dev.streamwall.common.sink;

import dev.streamwall.common.options.KafkaClient;
import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds Kafka sinks that write records as JSON, keyed so that one entity's records stay in order.
 */
public final class KafkaSinks {

    /** How long an output transaction may stay open: the brokers' default maximum, 15 min. */
    public static final long TRANSACTION_TIMEOUT_MS = 15 * 60 * 1000L;

    private KafkaSinks() {}

    public static <T> KafkaSink<T> json(
            KafkaClient client,
            String topic,
            SerializableFunction<T, String> key,
            DeliveryGuarantee guarantee,
            String transactionalIdPrefix) {
        Properties producer = new Properties();
        // The user's client settings (security), then the job's own.
        producer.putAll(client.settingsMap());
        // Exactly-once: a transaction stays open from one checkpoint until the next completes and
        // commits it, longer while a checkpoint waits (an unreachable database holds it up to the
        // checkpoint timeout, 2 min). A broker aborts transactions older than this timeout, and a
        // completed checkpoint whose transaction was aborted loses its records; so it is the
        // brokers' default maximum (transaction.max.timeout.ms, 15 min), not the connector's 1 h
        // (which brokers refuse).
        producer.setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT_MS));
        producer.setProperty("linger.ms", "20");
        var builder =
                KafkaSink.<T>builder()
                        .setBootstrapServers(client.bootstrapServers())
                        .setKafkaProducerConfig(producer)
                        .setRecordSerializer(new JsonRecords<>(topic, key))
                        .setDeliveryGuarantee(guarantee);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(transactionalIdPrefix);
        }
        return builder.build();
    }

    /**
     * JSON values keyed by {@code key}, stamped with the time they are written rather than their
     * event time: brokers reject timestamps more than {@code log.message.timestamp.after.max.ms}
     * (one hour by default) ahead, which a replay or a fast simulated race easily produces. The
     * event time travels inside the JSON.
     */
    static final class JsonRecords<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final SerializableFunction<T, String> key;

        JsonRecords(String topic, SerializableFunction<T, String> key) {
            this.topic = topic;
            this.key = key;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                T element, KafkaSinkContext context, Long timestamp) {
            String k = key.apply(element);
            return new ProducerRecord<>(
                    topic,
                    null,
                    null,
                    k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(element));
        }
    }
}
