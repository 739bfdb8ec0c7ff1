package dev.streamwall.bench;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.sink.KafkaSinks;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.PitwallOptions;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.workflow.PitwallSettings;
import dev.streamwall.pitwall.workflow.PitwallWorkflow;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink side of {@code bench --vs-spark}, run in a JVM of its own: pitwall's per-car lap
 * analytics alone, Kafka to Kafka, with the job's own source and lap stages ({@link
 * PitwallWorkflow#laps}) and Kafka sink (at least once, as the Spark side's sink). See {@link
 * EngineRun} for the arguments and what it prints.
 */
public final class FlinkLaps {

    private FlinkLaps() {}

    public static void main(String[] args) throws Exception {
        run(args, false);
    }

    /**
     * The whole pitwall job instead of its lap stages, as {@code flink run} builds it (no
     * database): laps to the laps topic, provisional laps to {@link #provisionalTopic}, strategy
     * calls to {@link #decisionsTopic}, provisional calls to {@link #provisionalCallsTopic}, and
     * its other Kafka outputs, at least once (exactly once shows records to read_committed
     * consumers only when a checkpoint commits them).
     */
    public static final class FullJob {
        private FullJob() {}

        public static void main(String[] args) throws Exception {
            run(args, true);
        }
    }

    /** Where the full job writes its strategy calls, beside the laps topic {@code laps}. */
    static String decisionsTopic(String laps) {
        return laps + "-decisions";
    }

    /** Where the full job writes its provisional laps (made before the watermark). */
    static String provisionalTopic(String laps) {
        return laps + "-provisional";
    }

    /** Where the full job writes its provisional calls (made from the provisional laps). */
    static String provisionalCallsTopic(String laps) {
        return laps + "-provisional-calls";
    }

    /** Where the full job writes its alerts. */
    static String alertsTopic(String laps) {
        return laps + "-alerts";
    }

    /** Where the full job writes its provisional alerts (rule matches before the watermark). */
    static String provisionalAlertsTopic(String laps) {
        return laps + "-provisional-alerts";
    }

    /** Where the full job writes samples that came behind the watermark. */
    static String lateTopic(String laps) {
        return laps + "-late";
    }

    private static void run(String[] args, boolean fullJob) throws Exception {
        EngineRun run = EngineRun.parse(args);
        for (int i = 1; i <= run.runs(); i++) {
            String out = run.outTopic(i);
            StreamExecutionEnvironment env = environment(run);
            define(env, run, run.boundedRun(i), run.inTopic(i), out, fullJob);
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
            StreamExecutionEnvironment env,
            EngineRun run,
            boolean bounded,
            String in,
            String out,
            boolean fullJob) {
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
                                "--idleness",
                                run.idlenessMs() + "ms",
                                "--cars",
                                run.cars()));
        if (bounded) {
            args.add("--bounded");
        }
        if (fullJob) {
            args.addAll(
                    List.of(
                            "--watermark-interval",
                            run.watermarkIntervalMs() + "ms",
                            "--telemetry-topic",
                            in,
                            "--laps-topic",
                            out,
                            "--decisions-topic",
                            decisionsTopic(out),
                            "--provisional-laps-topic",
                            provisionalTopic(out),
                            "--provisional-calls-topic",
                            provisionalCallsTopic(out),
                            "--alerts-topic",
                            alertsTopic(out),
                            "--provisional-alerts-topic",
                            provisionalAlertsTopic(out),
                            "--dead-letter-topic",
                            out + "-dead-letters",
                            "--late-topic",
                            lateTopic(out),
                            "--no-jdbc",
                            "--kafka-delivery",
                            "AT_LEAST_ONCE"));
        }
        PitwallJob job = new PitwallJob();
        PitwallOptions o = JobMain.parse(job, args.toArray(String[]::new));
        if (fullJob) {
            job.define(env, o);
            return;
        }
        DataStream<Decoded<Telemetry>> decoded =
                PitwallJob.telemetryInput(o.carSet())
                        .topic(in)
                        .uid("bench-laps-source")
                        .name("Kafka telemetry")
                        .read(env, o.kafka, "bench-laps");
        SingleOutputStreamOperator<LapSummary> laps =
                PitwallWorkflow.laps(decoded, PitwallSettings.defaults(o.carSet())).laps();
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
