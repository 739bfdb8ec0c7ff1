package dev.streamwall.bench.spark;

import dev.streamwall.bench.EngineRun;
import dev.streamwall.bench.ProcessClock;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.functions.LapTracker;
import dev.streamwall.pitwall.functions.TelemetryDecoder;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.StrategyInput;
import dev.streamwall.wire.Json;
import java.io.Serializable;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;
import scala.Tuple2;
import scala.Tuple3;

/**
 * pitwall's per-car lap analytics in Spark Structured Streaming, as a Spark engineer would write
 * it: Kafka source, the telemetry decoded, an event-time watermark, {@code groupByKey} on the car
 * and {@code flatMapGroupsWithState} with an event-time timeout, laps as JSON to a Kafka sink. The
 * state function holds each car's samples until the watermark passes them and feeds them in
 * event-time order to the same {@link LapTracker} that the Flink job's lap operator runs, so both
 * engines make the same laps from the same samples. Run by {@code bench --vs-spark} with the
 * arguments of {@link EngineRun}.
 */
public final class SparkLaps {

    /** A bounded run takes at most this many records a micro-batch. */
    static final long MAX_OFFSETS_PER_TRIGGER = 100_000;

    private SparkLaps() {}

    public static void main(String[] args) throws Exception {
        EngineRun run = EngineRun.parse(args);
        SparkSession spark =
                SparkSession.builder()
                        .master("local[" + run.parallelism() + "]")
                        .appName("streamwall-bench-laps")
                        // One shuffle partition per core, as the Flink side has one subtask per
                        // slot (Spark's default of 200 partitions would run 200 tiny tasks).
                        .config("spark.sql.shuffle.partitions", run.parallelism())
                        .config("spark.default.parallelism", run.parallelism())
                        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                        .config("spark.ui.enabled", false)
                        .config("spark.sql.streaming.metricsEnabled", false)
                        .getOrCreate();
        spark.streams().addListener(new BatchLog());
        for (int i = 1; i <= run.runs(); i++) {
            ProcessClock clock = new ProcessClock();
            StreamingQuery query =
                    start(spark, run, run.boundedRun(i), run.inTopic(i), run.outTopic(i));
            if (run.boundedRun(i)) {
                query.awaitTermination();
                run.printResult(i, clock.wallSeconds(), clock.cpuSeconds());
            } else {
                while (query.lastProgress() == null && query.isActive()) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                EngineRun.printReady();
                query.awaitTermination();
            }
        }
        spark.stop();
    }

    /** Each micro-batch's size, duration and watermark, on standard error (the bench's log). */
    static final class BatchLog extends StreamingQueryListener {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {}

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            var p = event.progress();
            System.err.printf(
                    Locale.ROOT,
                    "batch %d: %d rows in %s ms (%s), watermark %s%n",
                    p.batchId(),
                    p.numInputRows(),
                    p.durationMs().get("triggerExecution"),
                    p.durationMs(),
                    p.eventTime().get("watermark"));
        }

        @Override
        public void onQueryIdle(QueryIdleEvent event) {}

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {}
    }

    private static StreamingQuery start(
            SparkSession spark, EngineRun run, boolean bounded, String in, String out)
            throws Exception {
        var reader =
                spark.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", run.bootstrap())
                        .option("subscribe", in)
                        .option("startingOffsets", "earliest");
        if (bounded) {
            reader = reader.option("maxOffsetsPerTrigger", MAX_OFFSETS_PER_TRIGGER);
        }
        Encoder<Tuple3<Integer, Timestamp, Telemetry>> sample =
                Encoders.tuple(
                        Encoders.INT(), Encoders.TIMESTAMP(), Encoders.kryo(Telemetry.class));
        Dataset<Tuple3<Integer, Timestamp, Telemetry>> decoded =
                reader.load()
                        .select("value")
                        .as(Encoders.BINARY())
                        .flatMap(new Decode(cars(run.cars())), sample);
        Dataset<Tuple2<String, String>> laps =
                decoded.withWatermark("_2", run.outOfOrdernessMs() + " milliseconds")
                        .groupByKey(
                                (MapFunction<Tuple3<Integer, Timestamp, Telemetry>, Integer>)
                                        Tuple3::_1,
                                Encoders.INT())
                        .flatMapGroupsWithState(
                                new Laps(),
                                OutputMode.Append(),
                                Encoders.kryo(CarState.class),
                                Encoders.tuple(Encoders.STRING(), Encoders.STRING()),
                                GroupStateTimeout.EventTimeTimeout());
        return laps.toDF("key", "value")
                .writeStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", run.bootstrap())
                .option("topic", out)
                .option("checkpointLocation", Files.createTempDirectory("spark-laps").toString())
                .trigger(bounded ? Trigger.AvailableNow() : Trigger.ProcessingTime(0))
                .start();
    }

    private static Set<Integer> cars(String list) {
        return Arrays.stream(list.split(",")).map(Integer::valueOf).collect(Collectors.toSet());
    }

    /** JSON telemetry to (car, event time, sample); a record the job would reject is dropped. */
    static final class Decode
            implements FlatMapFunction<byte[], Tuple3<Integer, Timestamp, Telemetry>> {
        private static final long serialVersionUID = 1L;
        private final TelemetryDecoder decoder;

        Decode(Set<Integer> cars) {
            this.decoder = new TelemetryDecoder(cars);
        }

        @Override
        public Iterator<Tuple3<Integer, Timestamp, Telemetry>> call(byte[] value) {
            try {
                Telemetry t = decoder.decode(value);
                return List.of(new Tuple3<>(t.car, new Timestamp(t.ts), t)).iterator();
            } catch (RejectedRecordException e) {
                return List.<Tuple3<Integer, Timestamp, Telemetry>>of().iterator();
            }
        }
    }

    /** One car's state: the lap tracker and the samples the watermark has not passed yet. */
    public static final class CarState implements Serializable {
        private static final long serialVersionUID = 1L;
        LapTracker tracker = new LapTracker(null, null);
        ArrayList<Telemetry> pending = new ArrayList<>();
    }

    /**
     * Buffers a car's samples, and releases those at or before the watermark to the lap tracker in
     * event-time order (arrival order among equal times), as the Flink job's ordering stage.
     */
    static final class Laps
            implements FlatMapGroupsWithStateFunction<
                    Integer,
                    Tuple3<Integer, Timestamp, Telemetry>,
                    CarState,
                    Tuple2<String, String>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Tuple2<String, String>> call(
                Integer car,
                Iterator<Tuple3<Integer, Timestamp, Telemetry>> samples,
                GroupState<CarState> state) {
            CarState s = state.exists() ? state.get() : new CarState();
            while (samples.hasNext()) {
                s.pending.add(samples.next()._3());
            }
            s.pending.sort(Comparator.comparingLong(t -> t.ts));
            long watermark = state.getCurrentWatermarkMs();
            List<Tuple2<String, String>> out = new ArrayList<>();
            LapTracker.Sink sink =
                    new LapTracker.Sink() {
                        @Override
                        public void lap(LapSummary lap) {
                            out.add(new Tuple2<>(Integer.toString(lap.car), Json.toString(lap)));
                        }

                        @Override
                        public void strategy(StrategyInput input) {}
                    };
            int released = 0;
            while (released < s.pending.size() && s.pending.get(released).ts <= watermark) {
                // A finished car's later samples change nothing (the tracker knows it finished).
                s.tracker.accept(s.pending.get(released++), sink);
            }
            s.pending.subList(0, released).clear();
            state.update(s);
            if (!s.pending.isEmpty()) {
                // Called again once the watermark passes the oldest sample held, new samples or
                // not.
                state.setTimeoutTimestamp(s.pending.get(0).ts);
            }
            return out.iterator();
        }
    }
}
