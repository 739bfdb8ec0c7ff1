package dev.streamwall.cityflow.functions;

import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.common.kafka.TopicSnapshot;
import dev.streamwall.common.options.KafkaClient;
import dev.streamwall.generators.city.RoadRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Reads the roads topic from its start to its current end when the job is built, so the job starts
 * with the whole graph; later records reach the job through its roads stream. Records it cannot
 * decode are skipped here: the stream dead-letters them.
 */
public final class RoadGraphLoader {

    private RoadGraphLoader() {}

    public static Map<String, RoadRecord> load(KafkaClient kafka, String topic, Duration timeout) {
        Properties p = kafka.properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamwall-cityflow-graph-loader");
        Map<String, RoadRecord> roads = new LinkedHashMap<>();
        RoadRecordDecoder decoder = new RoadRecordDecoder();
        TopicSnapshot.read(
                p,
                topic,
                timeout,
                "; is Kafka at " + kafka.bootstrapServers() + " reachable?",
                r -> {
                    try {
                        RoadRecord road = decoder.decode(r.value());
                        RoadRecord known = roads.get(road.road);
                        if (known == null || known.ts <= road.ts) {
                            roads.put(road.road, road);
                        }
                    } catch (RejectedRecordException e) {
                        // dead-lettered by the job's roads stream
                    }
                });
        roads.values().removeIf(r -> r.removed);
        return roads;
    }
}
