package dev.streamwall.scenarios;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.KafkaSources;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The Flink environment an in-process evaluation runs a job graph in: the current one (a test's
 * MiniCluster, or a local one) with heap state. An evaluation measures the job's decisions, which
 * do not depend on the state backend; RocksDB made the same cityflow evaluation 3.8 times slower
 * (57 s against 15 s for 4 hours of the default city), most of it in the CEP operators walking
 * their RocksDB buffers on every watermark. The savepoint, fault and job scenarios keep RocksDB.
 */
public final class EvaluationEnvironment {

    private EvaluationEnvironment() {}

    public static StreamExecutionEnvironment create(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.configure(Configuration.fromMap(Map.of("state.backend.type", "hashmap")));
        return env;
    }

    /**
     * A simulation's records as a job's Kafka source hands them on: decoded, in the simulation's
     * order (one task), with the jobs' default watermarks (2 s of out-of-orderness, idle after 5
     * s).
     */
    public static <T> DataStream<Decoded<T>> simulated(
            StreamExecutionEnvironment env,
            Source<T, ?, ?> source,
            String name,
            SerializableFunction<T, Long> eventTime,
            TypeInformation<Decoded<T>> decodedType) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), name)
                .setParallelism(1)
                .map(r -> Decoded.of(r, eventTime.apply(r)), decodedType)
                .setParallelism(1)
                .assignTimestampsAndWatermarks(
                        KafkaSources.<T>watermarks(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .setParallelism(1);
    }
}
