package dev.streamwall.common.kafka;

import dev.streamwall.common.decode.RecordDecoder;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Builds Kafka sources of decoded records and their event-time watermark strategy. */
public final class KafkaSources {

    private KafkaSources() {}

    /** Where a job starts reading when it has no checkpointed offsets. */
    public enum StartFrom {
        /** The group's committed offsets, else the earliest. */
        COMMITTED,
        EARLIEST,
        LATEST
    }

    public static <T> KafkaSource<Decoded<T>> decoding(
            String bootstrapServers,
            List<String> topics,
            String groupId,
            StartFrom startFrom,
            boolean bounded,
            String job,
            RecordDecoder<T> decoder,
            TypeInformation<Decoded<T>> type) {
        OffsetsInitializer offsets =
                switch (startFrom) {
                    case COMMITTED ->
                            OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                    case EARLIEST -> OffsetsInitializer.earliest();
                    case LATEST -> OffsetsInitializer.latest();
                };
        var builder =
                KafkaSource.<Decoded<T>>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topics)
                        .setGroupId(groupId)
                        .setStartingOffsets(offsets)
                        .setDeserializer(new DecodingDeserializer<>(job, decoder, type))
                        .setProperty("partition.discovery.interval.ms", "60000")
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Event time from the records themselves, bounded out-of-orderness, and idleness so that a
     * quiet partition does not hold the watermark back. Dead letters carry no event time.
     */
    public static <T> WatermarkStrategy<Decoded<T>> watermarks(
            Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<Decoded<T>>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((d, kafkaTs) -> d.eventTime)
                .withIdleness(idleness);
    }

    /**
     * For slowly changing reference data (a road graph) joined to an event-time stream: its
     * watermark is always the end of time, so it never holds the other input's watermark back, and
     * its records are applied in arrival order.
     */
    public static <T> WatermarkStrategy<Decoded<T>> neverHoldsBack() {
        return WatermarkStrategy.<Decoded<T>>forGenerator(ctx -> new EndOfTime<>())
                .withTimestampAssigner((d, kafkaTs) -> kafkaTs);
    }

    private static final class EndOfTime<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
