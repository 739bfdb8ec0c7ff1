package dev.streamwall.bench;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.common.kafka.DeadLetterSplitter;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.KafkaInput;
import dev.streamwall.common.sink.KafkaSinks;
import dev.streamwall.common.time.BufferedEventTimeOrdering;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.PitwallOptions;
import dev.streamwall.pitwall.functions.LapAggregator;
import dev.streamwall.pitwall.functions.TelemetryDecoder;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.types.TelemetryType;
import dev.streamwall.pitwall.workflow.PitwallSettings;
import dev.streamwall.pitwall.workflow.PitwallWorkflow;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink side of {@code bench --vs-spark}, run in a JVM of its own: pitwall's per-car lap
 * analytics alone, Kafka to Kafka, with the job's own source, decoder, event-time ordering, lap
 * operator and Kafka sink (at least once, as the Spark side's sink). See {@link EngineRun} for the
 * arguments and what it prints.
 */
public final class FlinkLaps {

    private FlinkLaps() {}

    public static void main(String[] args) throws Exception {
        EngineRun run = EngineRun.parse(args);
        for (int i = 1; i <= run.runs(); i++) {
            String out = run.outTopic(i);
            StreamExecutionEnvironment env = environment(run);
            define(env, run, run.boundedRun(i), run.inTopic(i), out);
            ProcessClock clock = new ProcessClock();
            if (run.boundedRun(i)) {
                env.execute("bench laps flink " + i);
                run.printResult(i, clock.wallSeconds(), clock.cpuSeconds());
            } else {
                JobClient job = env.executeAsync("bench laps flink (streaming)");
                EngineRun.waitRunning(() -> job.getJobStatus().get().name());
                // The readers have their splits a moment after the job reports RUNNING.
                Thread.sleep(2_000);
                EngineRun.printReady();
                // Until the bench stops this process.
                job.getJobExecutionResult().get();
            }
        }
    }

    private static StreamExecutionEnvironment environment(EngineRun run) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(run.parallelism(), conf);
        env.getConfig().setAutoWatermarkInterval(run.watermarkIntervalMs());
        // As the pitwall job: its operators do not change the records they pass on.
        env.getConfig().enableObjectReuse();
        return env;
    }

    private static void define(
            StreamExecutionEnvironment env, EngineRun run, boolean bounded, String in, String out) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka",
                                run.bootstrap(),
                                "--group-id",
                                "bench-laps-flink-" + out,
                                "--start-from",
                                "EARLIEST",
                                "--out-of-orderness",
                                run.outOfOrdernessMs() + "ms",
                                "--cars",
                                run.cars()));
        if (bounded) {
            args.add("--bounded");
        }
        PitwallOptions o = JobMain.parse(new PitwallJob(), args.toArray(String[]::new));
        DataStream<Decoded<Telemetry>> decoded =
                KafkaInput.of(
                                new TelemetryDecoder(o.carSet()),
                                Decoded.withValueType(
                                        new TypeHint<Decoded<Telemetry>>() {}.getTypeInfo(),
                                        TelemetryType.INSTANCE))
                        .topic(in)
                        .uid("bench-laps-source")
                        .name("Kafka telemetry")
                        .read(env, o.kafka, "bench-laps");
        SingleOutputStreamOperator<Telemetry> valid =
                decoded.process(new DeadLetterSplitter<Telemetry>(), TelemetryType.INSTANCE)
                        .name("Decode and dead-letter telemetry");
        SingleOutputStreamOperator<Telemetry> ordered =
                valid.keyBy(t -> t.car)
                        .transform(
                                "Order telemetry by event time",
                                TelemetryType.INSTANCE,
                                new BufferedEventTimeOrdering<Integer, Telemetry>(
                                        TypeInformation.of(Telemetry.class),
                                        PitwallWorkflow.LATE_TELEMETRY,
                                        t -> Boolean.TRUE));
        SingleOutputStreamOperator<LapSummary> laps =
                DataStreamUtils.reinterpretAsKeyedStream(ordered, t -> t.car)
                        .process(
                                new LapAggregator(
                                        PitwallSettings.defaults(o.carSet()).finishedRetention()))
                        .name("Lap analytics")
                        .setBufferTimeout(0);
        laps.sinkTo(
                        KafkaSinks.json(
                                o.kafka.client(),
                                out,
                                l -> Integer.toString(l.car),
                                DeliveryGuarantee.AT_LEAST_ONCE,
                                null))
                .name("Kafka laps");
    }
}
