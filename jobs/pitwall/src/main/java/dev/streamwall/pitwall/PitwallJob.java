package dev.streamwall.pitwall;

import dev.streamwall.common.db.Migrations;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.KafkaSources;
import dev.streamwall.common.options.JobCli;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.functions.LapTimingDecoder;
import dev.streamwall.pitwall.functions.TelemetryDecoder;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.workflow.PitwallSettings;
import dev.streamwall.pitwall.workflow.PitwallSinks;
import dev.streamwall.pitwall.workflow.PitwallUids;
import dev.streamwall.pitwall.workflow.PitwallWorkflow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the pitwall job: parses options, builds the Kafka source and the sinks, runs the
 * graph.
 */
public final class PitwallJob {

    public static final String JOB = "pitwall";

    private PitwallJob() {}

    public static void main(String[] args) throws Exception {
        PitwallOptions options = parse(args);
        if (options == null) {
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        prepare(options);
        build(env, options);
        env.execute(options.runtime.jobName);
    }

    /**
     * Parses the program arguments; prints help or a usage error and returns null when the job
     * should not run (a usage error also sets a non-zero exit code through an exception, so {@code
     * flink run} fails).
     */
    public static PitwallOptions parse(String... args) {
        return JobCli.parse(new PitwallOptions(), PitwallJob::check, args);
    }

    static void check(PitwallOptions options) {
        if (options.telemetryDecimation < 1) {
            throw new IllegalArgumentException(
                    "--telemetry-decimation must be at least 1, got "
                            + options.telemetryDecimation);
        }
    }

    /** Client-side work before the graph is submitted: the database schema. */
    public static void prepare(PitwallOptions options) {
        if (!options.jdbc.disabled && options.jdbc.migrate) {
            Migrations.migrate(options.jdbc.url, options.jdbc.user, options.jdbc.password());
        }
    }

    /** Adds the job graph, with its Kafka source and all sinks, to {@code env}. */
    public static void build(StreamExecutionEnvironment env, PitwallOptions o) {
        o.runtime.apply(env);
        env.getConfig().setGlobalJobParameters(Configuration.fromMap(jobParameters(o)));

        PitwallSettings defaults = PitwallSettings.defaults(o.carSet());
        PitwallSettings settings =
                defaults.withTelemetryDecimation(o.telemetryDecimation)
                        .withSilence(o.dropoutAfter)
                        .withStrategy(
                                defaults.strategy()
                                        .withPitWindowLaps(o.pitWindowLaps)
                                        .withPitLossSeconds(o.pitLoss.toMillis() / 1000.0));

        PitwallWorkflow.Outputs outputs;
        if (o.input == PitwallOptions.Input.TELEMETRY) {
            DataStream<Decoded<Telemetry>> decoded =
                    env.fromSource(
                                    KafkaSources.decoding(
                                            o.kafka.bootstrapServers,
                                            List.of(o.telemetryTopic),
                                            o.kafka.groupIdOr(JOB),
                                            o.kafka.startFrom,
                                            o.kafka.bounded,
                                            JOB,
                                            new TelemetryDecoder(o.carSet()),
                                            new TypeHint<Decoded<Telemetry>>() {}.getTypeInfo()),
                                    KafkaSources.<Telemetry>watermarks(
                                            o.kafka.outOfOrderness, o.kafka.idleness),
                                    "Kafka telemetry")
                            .uid(PitwallUids.TELEMETRY_SOURCE);
            outputs = PitwallWorkflow.define(decoded, settings);
        } else {
            DataStream<Decoded<LapTiming>> decoded =
                    env.fromSource(
                                    KafkaSources.decoding(
                                            o.kafka.bootstrapServers,
                                            List.of(o.lapsInputTopic),
                                            o.kafka.groupIdOr(JOB + "-laps"),
                                            o.kafka.startFrom,
                                            o.kafka.bounded,
                                            JOB,
                                            new LapTimingDecoder(o.carSet()),
                                            new TypeHint<Decoded<LapTiming>>() {}.getTypeInfo()),
                                    KafkaSources.<LapTiming>watermarks(
                                            o.kafka.outOfOrderness, o.kafka.idleness),
                                    "Kafka lap timing")
                            .uid(PitwallUids.LAPS_SOURCE);
            outputs = PitwallWorkflow.defineFromLaps(decoded, settings);
        }
        PitwallSinks.attach(
                outputs,
                new PitwallSinks.Targets(
                        o.jdbc.disabled ? null : o.jdbc.settings(),
                        o.kafka.bootstrapServers,
                        o.kafka.delivery,
                        new PitwallSinks.Topics(
                                o.lapsTopic,
                                o.decisionsTopic,
                                o.alertsTopic,
                                o.deadLetterTopic,
                                o.lateTopic)));
    }

    /** The options as job parameters, visible in the Flink UI; the password is never among them. */
    static Map<String, String> jobParameters(PitwallOptions o) {
        Map<String, String> p = new HashMap<>();
        p.put("kafka", o.kafka.bootstrapServers);
        p.put("group-id", o.kafka.groupIdOr(JOB));
        p.put("input", o.input.name());
        p.put("telemetry-topic", o.telemetryTopic);
        p.put("jdbc-url", o.jdbc.disabled ? "(disabled)" : o.jdbc.url);
        p.put("jdbc-user", o.jdbc.user);
        p.put("cars", o.cars.toString());
        p.put("telemetry-decimation", Integer.toString(o.telemetryDecimation));
        p.put("out-of-orderness", o.kafka.outOfOrderness.toString());
        p.put("idleness", o.kafka.idleness.toString());
        p.put("pit-window-laps", Integer.toString(o.pitWindowLaps));
        p.put("pit-loss", o.pitLoss.toString());
        return p;
    }
}
