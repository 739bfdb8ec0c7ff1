package dev.streamwall.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic read once, outside Flink, from its start to the end it has when the reading starts: every
 * partition assigned (no consumer group, nothing committed), every record handed over in partition
 * order.
 */
public final class TopicSnapshot {

    /** What to do with each record; may throw what its caller handles. */
    public interface RecordHandler<E extends Exception> {
        void accept(ConsumerRecord<byte[], byte[]> record) throws E;
    }

    private TopicSnapshot() {}

    /**
     * Reads {@code topic} with a consumer of {@code consumerProperties} (bootstrap servers and any
     * security settings), handing each record to {@code each}.
     *
     * @throws IllegalStateException when it takes longer than {@code timeout}: the message says
     *     which topic and, after it, {@code hint}
     */
    public static <E extends Exception> void read(
            Properties consumerProperties,
            String topic,
            Duration timeout,
            String hint,
            RecordHandler<E> each)
            throws E {
        Properties p = new Properties();
        p.putAll(consumerProperties);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, timeout).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "reading " + topic + " took longer than " + timeout + hint);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    each.accept(r);
                }
            }
        }
    }
}
