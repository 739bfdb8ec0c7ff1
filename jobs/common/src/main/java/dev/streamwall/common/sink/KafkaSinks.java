package dev.streamwall.common.sink;

import dev.streamwall.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Builds Kafka sinks that write records as JSON, keyed so that one entity's records stay in order.
 */
public final class KafkaSinks {

    private KafkaSinks() {}

    public static <T> KafkaSink<T> json(
            String bootstrapServers,
            String topic,
            SerializableFunction<T, String> key,
            DeliveryGuarantee guarantee,
            String transactionalIdPrefix) {
        Properties producer = new Properties();
        // The connector's default transaction timeout (1 h) exceeds the broker's 15 min maximum.
        producer.setProperty("transaction.timeout.ms", "60000");
        producer.setProperty("linger.ms", "20");
        var builder =
                KafkaSink.<T>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setKafkaProducerConfig(producer)
                        .setRecordSerializer(
                                KafkaRecordSerializationSchema.<T>builder()
                                        .setTopic(topic)
                                        .setKeySerializationSchema(new KeySerialization<>(key))
                                        .setValueSerializationSchema(new JsonSerialization<T>())
                                        .build())
                        .setDeliveryGuarantee(guarantee);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(transactionalIdPrefix);
        }
        return builder.build();
    }

    /** Serialises a record with the suite's JSON mapping. */
    public static final class JsonSerialization<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(T element) {
            return Json.toBytes(element);
        }
    }

    private static final class KeySerialization<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final SerializableFunction<T, String> key;

        KeySerialization(SerializableFunction<T, String> key) {
            this.key = key;
        }

        @Override
        public byte[] serialize(T element) {
            String k = key.apply(element);
            return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
        }
    }
}
