package dev.streamwall.common.kafka;

import dev.streamwall.common.decode.RecordDecoder;
import dev.streamwall.common.options.KafkaOptions;
import dev.streamwall.common.options.StartFrom;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * One Kafka input of a job: a topic read through a decoder into {@link Decoded} records (bad ones
 * become dead letters), with event-time watermarks, a stable uid and a name. The shared options
 * ({@code --kafka}, {@code --start-from}, {@code --bounded}, out-of-orderness, idleness) come from
 * {@link KafkaOptions}.
 *
 * <pre>{@code
 * DataStream<Decoded<Telemetry>> telemetry =
 *         KafkaInput.of(new TelemetryDecoder(cars), TELEMETRY_TYPE)
 *                 .topic(o.telemetryTopic)
 *                 .uid(PitwallUids.TELEMETRY_SOURCE)
 *                 .name("Kafka telemetry")
 *                 .read(env, o.kafka, "pitwall");
 * }</pre>
 */
public final class KafkaInput<T> {

    private final RecordDecoder<T> decoder;
    private final TypeInformation<Decoded<T>> type;
    private String topic;
    private String uid;
    private String name;
    private String groupSuffix = "";
    private StartFrom startFrom;
    private WatermarkStrategy<Decoded<T>> watermarks;
    private boolean guarded = true;

    private KafkaInput(RecordDecoder<T> decoder, TypeInformation<Decoded<T>> type) {
        this.decoder = Objects.requireNonNull(decoder);
        this.type = Objects.requireNonNull(type);
    }

    public static <T> KafkaInput<T> of(RecordDecoder<T> decoder, TypeInformation<Decoded<T>> type) {
        return new KafkaInput<>(decoder, type);
    }

    public KafkaInput<T> topic(String topic) {
        this.topic = topic;
        return this;
    }

    /** The source's uid: its offsets are restored by it, so it never changes. */
    public KafkaInput<T> uid(String uid) {
        this.uid = uid;
        return this;
    }

    public KafkaInput<T> name(String name) {
        this.name = name;
        return this;
    }

    /** Appended to the job's consumer group, for a second input of the same job. */
    public KafkaInput<T> groupSuffix(String suffix) {
        this.groupSuffix = suffix;
        return this;
    }

    /** Overrides {@code --start-from}, e.g. reference data always read from its start. */
    public KafkaInput<T> startFrom(StartFrom startFrom) {
        this.startFrom = startFrom;
        return this;
    }

    /**
     * Reads without the event-time guard ({@code --max-future-skew}): for reference data whose
     * records' times are not a stream's (a road graph).
     */
    public KafkaInput<T> unguarded() {
        this.guarded = false;
        return this;
    }

    /** Overrides the bounded out-of-orderness watermarks of {@link KafkaOptions}. */
    public KafkaInput<T> watermarks(WatermarkStrategy<Decoded<T>> watermarks) {
        this.watermarks = watermarks;
        return this;
    }

    /** The Kafka source this input describes, for {@code job}'s consumer group. */
    public KafkaSource<Decoded<T>> source(KafkaOptions kafka, String job) {
        Objects.requireNonNull(topic, "a Kafka input needs a topic");
        OffsetsInitializer offsets =
                switch (startFrom != null ? startFrom : kafka.startFrom) {
                    case COMMITTED ->
                            OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                    case EARLIEST -> OffsetsInitializer.earliest();
                    case LATEST -> OffsetsInitializer.latest();
                };
        var builder =
                KafkaSource.<Decoded<T>>builder()
                        .setProperties(kafka.client().properties())
                        .setBootstrapServers(kafka.bootstrapServers)
                        .setTopics(topic)
                        .setGroupId(kafka.groupIdOr(job) + groupSuffix)
                        .setStartingOffsets(offsets)
                        .setDeserializer(
                                new DecodingDeserializer<>(
                                        job,
                                        decoder,
                                        type,
                                        guarded ? kafka.maxFutureSkew : Duration.ZERO))
                        .setProperty("partition.discovery.interval.ms", "60000")
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (kafka.bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Adds the source to {@code env}. */
    public DataStream<Decoded<T>> read(
            StreamExecutionEnvironment env, KafkaOptions kafka, String job) {
        Objects.requireNonNull(uid, "a Kafka input needs a uid");
        // A bounded read (a replay or backfill) needs no idleness: each partition ends at its end
        // offset and its finished split stops holding the watermark back. With idleness on, a
        // partition whose records the reader happened to take later was marked idle while the
        // others ran ahead, and all of it arrived late (measured: 27,000 of 93,600 city readings
        // in CityflowUpgradeITCase's replay).
        WatermarkStrategy<Decoded<T>> strategy =
                watermarks != null
                        ? watermarks
                        : KafkaSources.watermarks(
                                kafka.outOfOrderness, kafka.bounded ? null : kafka.idleness);
        // The source runs in a task of its own. Chained to the operators after it, the time the
        // task thread spends in them counts as input inactivity for the per-split idleness timer
        // (FLINK-40234): under a backlog a split whose records were fetched but not yet polled
        // can be marked idle, the watermark moves on without it, and its good records arrive
        // late (an earlier --speed 20 demo sent 5,239 samples to the late topic). Unchained, the
        // thread only fetches, decodes and emits, and backpressure pauses the timer (FLIP-471).
        // Not reproduced here since: --speed 20 demos, with a backlog of about 950,000 samples,
        // had 0 late with the source chained and 0 without, at 9,900 and 10,100 samples/s.
        return env.fromSource(source(kafka, job), strategy, name != null ? name : "Kafka " + topic)
                .uid(uid)
                .disableChaining();
    }
}
