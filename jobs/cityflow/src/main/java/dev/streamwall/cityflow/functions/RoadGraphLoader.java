package dev.streamwall.cityflow.functions;

import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.common.options.KafkaClient;
import dev.streamwall.generators.city.RoadRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the roads topic from its start to its current end when the job is built, so the job starts
 * with the whole graph; later records reach the job through its roads stream. Records it cannot
 * decode are skipped here: the stream dead-letters them.
 */
public final class RoadGraphLoader {

    private RoadGraphLoader() {}

    public static Map<String, RoadRecord> load(KafkaClient kafka, String topic, Duration timeout) {
        String bootstrapServers = kafka.bootstrapServers();
        Properties p = kafka.properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamwall-cityflow-graph-loader");
        Map<String, RoadRecord> roads = new LinkedHashMap<>();
        RoadRecordDecoder decoder = new RoadRecordDecoder();
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
                            "reading the road graph from "
                                    + topic
                                    + " took longer than "
                                    + timeout
                                    + "; is Kafka at "
                                    + bootstrapServers
                                    + " reachable?");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        RoadRecord road = decoder.decode(r.value());
                        RoadRecord known = roads.get(road.road);
                        if (known == null || known.ts <= road.ts) {
                            roads.put(road.road, road);
                        }
                    } catch (RejectedRecordException e) {
                        // dead-lettered by the job's roads stream
                    }
                }
            }
        }
        roads.values().removeIf(r -> r.removed);
        return roads;
    }
}
