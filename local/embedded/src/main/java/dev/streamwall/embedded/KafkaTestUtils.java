package dev.streamwall.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes string records to a topic and reads a topic back, for assertions in ITCases. */
public final class KafkaTestUtils {

    private static final Duration POLL = Duration.ofMillis(100);

    private KafkaTestUtils() {}

    /** Writes the records in order (acks=all) and returns once every one is acknowledged. */
    public static void produce(String bootstrapServers, String topic, List<KeyValue> records) {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "streamwall-test-producer",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (KeyValue record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not produce to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted producing to " + topic, e);
        }
    }

    /**
     * Reads {@code topic} from the beginning of every partition until at least {@code
     * expectedCount} records arrived or {@code timeout} passed, and returns what it read: assert on
     * the size. Reads committed records only, so a transactional sink's output shows once its
     * checkpoint completes. To check that a topic stays empty, pass {@code Integer.MAX_VALUE} and a
     * short timeout. Waits for the topic to exist but never creates it. Uses no consumer group.
     */
    public static List<ConsumedRecord> consume(
            String bootstrapServers, String topic, int expectedCount, Duration timeout) {
        return read(bootstrapServers, topic, expectedCount, false, null, timeout);
    }

    /**
     * Reads every record of {@code topic} committed so far: up to each partition's last stable
     * offset (a transaction still open ends the read before its records), within {@code timeout}.
     * For a topic whose writers have finished, this is all of it, without waiting out a timeout.
     */
    public static List<ConsumedRecord> consumeAll(
            String bootstrapServers, String topic, Duration timeout) {
        return read(bootstrapServers, topic, Integer.MAX_VALUE, true, null, timeout);
    }

    /**
     * Reads {@code topic} from the beginning until no record has come for {@code quiet} (or {@code
     * timeout} passed): for a topic a job is still writing to at an unknown end.
     */
    public static List<ConsumedRecord> consumeUntilQuiet(
            String bootstrapServers, String topic, Duration quiet, Duration timeout) {
        return read(bootstrapServers, topic, Integer.MAX_VALUE, false, quiet, timeout);
    }

    private static List<ConsumedRecord> read(
            String bootstrapServers,
            String topic,
            int expectedCount,
            boolean toEnd,
            Duration quiet,
            Duration timeout) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "streamwall-test-consumer",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumedRecord> consumed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
            if (partitions.isEmpty()) {
                return consumed;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends =
                    toEnd ? consumer.endOffsets(partitions, timeout) : Map.of();
            long lastRecord = System.nanoTime();
            while (consumed.size() < expectedCount
                    && System.nanoTime() < deadline
                    && !(toEnd && reached(consumer, ends))
                    && !(quiet != null && System.nanoTime() - lastRecord >= quiet.toNanos())) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    consumed.add(toConsumed(record));
                    lastRecord = System.nanoTime();
                }
            }
            if (toEnd && !reached(consumer, ends)) {
                throw new IllegalStateException(
                        "Could not read " + topic + " to its end " + ends + " within " + timeout);
            }
        }
        return consumed;
    }

    /** Whether the consumer's position has reached {@code ends} on every partition. */
    private static boolean reached(
            KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        for (var end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> awaitPartitions(
            KafkaConsumer<String, String> consumer, String topic, long deadline) {
        while (true) {
            List<PartitionInfo> infos;
            try {
                long remaining = Math.max(deadline - System.nanoTime(), POLL.toNanos());
                infos = consumer.partitionsFor(topic, Duration.ofNanos(remaining));
            } catch (TimeoutException e) {
                infos = List.of();
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
            }
            if (System.nanoTime() >= deadline) {
                return List.of();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for topic " + topic, e);
            }
        }
    }

    private static ConsumedRecord toConsumed(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(),
                    header.value() == null
                            ? null
                            : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new ConsumedRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.key(),
                record.value(),
                headers);
    }
}
