package dev.streamwall.bench;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.DecodingDeserializer;
import dev.streamwall.common.kafka.KafkaSources;
import dev.streamwall.wire.Json;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.flink.util.function.SerializableSupplier;

/** One run of a job graph in this process, on a local MiniCluster, timed and tallied. */
final class GraphRun {

    /** Where keyed state lives: on the JVM heap, or in RocksDB as clusters run it. */
    enum State {
        HEAP("hashmap"),
        ROCKSDB("rocksdb");

        final String backend;

        State(String backend) {
            this.backend = backend;
        }
    }

    /**
     * What the graph's source hands on: the generator's records as they are, or each one written as
     * its JSON wire record and read back by the job's own decoder (what a Kafka source costs, minus
     * the broker).
     */
    enum Input {
        OBJECTS,
        WIRE
    }

    /** A state backend and an input form. */
    record Variant(State state, Input input) {
        String label() {
            return state.name().toLowerCase(Locale.ROOT)
                    + "/"
                    + input.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every variant, the cheapest first. */
    static final List<Variant> ALL =
            List.of(
                    new Variant(State.HEAP, Input.OBJECTS),
                    new Variant(State.HEAP, Input.WIRE),
                    new Variant(State.ROCKSDB, Input.OBJECTS),
                    new Variant(State.ROCKSDB, Input.WIRE));

    private GraphRun() {}

    /**
     * An environment on the bench's {@link SessionCluster}, with the variant's state backend and no
     * checkpoints.
     */
    static StreamExecutionEnvironment environment(Variant variant, int parallelism)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, variant.state().backend);
        return SessionCluster.environment(conf, parallelism);
    }

    /**
     * A job's input as the bench makes it: the generator, how many records it gives, their type,
     * the key its topic would be partitioned by, and the job's own decoding of the topic.
     */
    record Source<T>(
            SerializableSupplier<? extends Iterator<T>> generator,
            long events,
            TypeInformation<T> type,
            KeySelector<T, Integer> partitionKey,
            DecodingDeserializer<T> deserializer,
            String topic,
            SerializableFunction<T, Long> eventTime) {}

    /**
     * {@code source} as its Kafka source would hand it on: one generator (a simulation moves all
     * its keys together) whose records are spread over the graph's subtasks by the partition key,
     * as a topic keyed that way spreads them over source readers; then, per subtask, each record as
     * decoded or through its JSON wire form and the job's own decoder, and bounded out-of-orderness
     * watermarks of 2 s (the jobs' default).
     */
    static <T> DataStream<Decoded<T>> input(
            StreamExecutionEnvironment env,
            Variant variant,
            Source<T> source,
            RateLimiterStrategy<?> rate) {
        return input(env, variant, source, rate, Duration.ofSeconds(2));
    }

    /** As above, with watermarks {@code outOfOrderness} behind the newest event. */
    static <T> DataStream<Decoded<T>> input(
            StreamExecutionEnvironment env,
            Variant variant,
            Source<T> source,
            RateLimiterStrategy<?> rate,
            Duration outOfOrderness) {
        DecodingDeserializer<T> deserializer = source.deserializer();
        SerializableFunction<T, Long> eventTime = source.eventTime();
        String topic = source.topic();
        TypeInformation<Decoded<T>> decodedType = deserializer.getProducedType();
        DataStream<T> raw =
                env.fromSource(
                                rate == null
                                        ? new DataGeneratorSource<>(
                                                new Generator<>(source.generator()),
                                                source.events(),
                                                source.type())
                                        : new DataGeneratorSource<>(
                                                new Generator<>(source.generator()),
                                                source.events(),
                                                rate,
                                                source.type()),
                                WatermarkStrategy.noWatermarks(),
                                "Generator")
                        .setParallelism(1)
                        .uid("bench-generator")
                        .name("Generator")
                        .partitionCustom(
                                (Integer k, int n) -> Math.floorMod(k, n), source.partitionKey());
        MapFunction<T, Decoded<T>> decode =
                variant.input() == Input.WIRE
                        ? new WireRoundTrip<>(deserializer, topic)
                        : t -> Decoded.of(t, eventTime.apply(t));
        return raw.map(decode, decodedType)
                .uid("bench-decode")
                .name(variant.input() == Input.WIRE ? "To JSON and back" : "As decoded")
                .assignTimestampsAndWatermarks(KafkaSources.<T>watermarks(outOfOrderness, null))
                .uid("bench-watermarks")
                .name("Watermarks");
    }

    /** A generator as a FLIP-27 source function: one iterator per reader, read in order. */
    static final class Generator<T> implements GeneratorFunction<Long, T> {
        private static final long serialVersionUID = 1L;

        private final SerializableSupplier<? extends Iterator<T>> generator;
        private transient Iterator<T> records;

        Generator(SerializableSupplier<? extends Iterator<T>> generator) {
            this.generator = generator;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            records = generator.get();
        }

        @Override
        public T map(Long index) {
            return records.next();
        }
    }

    /** Writes each record as its JSON wire record and reads it back with the job's decoder. */
    static final class WireRoundTrip<T> extends RichMapFunction<T, Decoded<T>> {
        private static final long serialVersionUID = 1L;

        private final DecodingDeserializer<T> deserializer;
        private final String topic;
        private long offset;

        WireRoundTrip(DecodingDeserializer<T> deserializer, String topic) {
            this.deserializer = deserializer;
            this.topic = topic;
        }

        @Override
        public Decoded<T> map(T record) {
            return deserializer.decode(topic, 0, offset++, null, Json.toBytes(record));
        }
    }

    /**
     * Runs the graph built on {@code env} to its end and reads back the tallies of {@code outputs}.
     */
    static Measurement execute(
            StreamExecutionEnvironment env,
            String job,
            Variant variant,
            long events,
            List<String> outputs)
            throws Exception {
        return execute(env, job, variant, variant.label(), events, outputs);
    }

    /** As above, the run named {@code label} in the results. */
    static Measurement execute(
            StreamExecutionEnvironment env,
            String job,
            Variant variant,
            String label,
            long events,
            List<String> outputs)
            throws Exception {
        ProcessClock clock = new ProcessClock();
        JobExecutionResult result = env.execute("bench " + job + " " + label);
        double wall = clock.wallSeconds();
        double cpu = clock.cpuSeconds();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> digests = new LinkedHashMap<>();
        for (String output : outputs) {
            Long count = result.getAccumulatorResult(Tally.countKey(output));
            Long digest = result.getAccumulatorResult(Tally.digestKey(output));
            counts.put(output, count == null ? 0 : count);
            digests.put(output, String.format(Locale.ROOT, "%016x", digest == null ? 0 : digest));
        }
        Map<String, Double> latency = new LinkedHashMap<>();
        for (String output : outputs) {
            Map<Integer, Integer> histogram = result.getAccumulatorResult(Tally.latencyKey(output));
            if (histogram != null && !histogram.isEmpty()) {
                latency.putAll(Tally.percentiles(output, histogram));
            }
        }
        return new Measurement(job, "graph", label, events, wall, cpu, 0, counts, digests, latency);
    }

    /**
     * A graph run fed at {@code perSecond} records, {@code speed} times its real time, named after
     * its pace ({@code latency@10x (300/s)}): for the latency legs, whose outputs time themselves.
     */
    static Measurement executePaced(
            StreamExecutionEnvironment env,
            String job,
            Variant variant,
            int speed,
            double perSecond,
            long events,
            List<String> outputs)
            throws Exception {
        String label =
                String.format(Locale.ROOT, "latency@%dx (%,.0f/s)", speed, Math.floor(perSecond));
        return execute(env, job, variant, label, events, outputs);
    }
}
