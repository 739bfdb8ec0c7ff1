package dev.streamwall.factory;

import dev.streamwall.common.db.Migrations;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.KafkaSources;
import dev.streamwall.common.options.JobCli;
import dev.streamwall.factory.functions.ReadingDecoder;
import dev.streamwall.factory.workflow.FactorySettings;
import dev.streamwall.factory.workflow.FactorySinks;
import dev.streamwall.factory.workflow.FactoryUids;
import dev.streamwall.factory.workflow.FactoryWorkflow;
import dev.streamwall.generators.factory.SensorReading;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the factory job: parses options, builds the Kafka source and the sinks, runs the
 * graph.
 */
public final class FactoryJob {

    public static final String JOB = "factory";

    private FactoryJob() {}

    public static void main(String[] args) throws Exception {
        FactoryOptions options = parse(args);
        if (options == null) {
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        prepare(options);
        build(env, options);
        env.execute(options.runtime.jobName);
    }

    /**
     * Parses the program arguments; prints help and returns null when the job should not run; a
     * usage error throws, so {@code flink run} fails.
     */
    public static FactoryOptions parse(String... args) {
        return JobCli.parse(new FactoryOptions(), FactoryJob::check, args);
    }

    static void check(FactoryOptions options) {
        if (options.readingsDecimation < 1) {
            throw new IllegalArgumentException(
                    "--readings-decimation must be at least 1, got " + options.readingsDecimation);
        }
        if (options.stuckAfter < 2) {
            throw new IllegalArgumentException(
                    "--stuck-after must be at least 2, got " + options.stuckAfter);
        }
        if (options.statsSlide.isZero()
                || options.statsWindow.toMillis() % options.statsSlide.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "--stats-window must be a multiple of --stats-slide, got "
                            + options.statsWindow
                            + " and "
                            + options.statsSlide);
        }
    }

    /** Client-side work before the graph is submitted: the database schema. */
    public static void prepare(FactoryOptions options) {
        if (!options.jdbc.disabled && options.jdbc.migrate) {
            Migrations.migrate(options.jdbc.url, options.jdbc.user, options.jdbc.password());
        }
    }

    /** The graph's settings from the options. */
    public static FactorySettings settings(FactoryOptions o) {
        FactorySettings d = FactorySettings.defaults();
        return d.withSensors(o.sensorSet())
                .withScoring(
                        d.scoring()
                                .withLearning(o.learning)
                                .withIdleRetention(o.idleRetention)
                                .withStuckRun(o.stuckAfter))
                .withStatsWindow(o.statsWindow, o.statsSlide)
                .withReadingsDecimation(o.readingsDecimation);
    }

    /** Adds the job graph, with its Kafka source and all sinks, to {@code env}. */
    public static void build(StreamExecutionEnvironment env, FactoryOptions o) {
        o.runtime.apply(env);
        env.getConfig().setGlobalJobParameters(Configuration.fromMap(jobParameters(o)));

        DataStream<Decoded<SensorReading>> decoded =
                env.fromSource(
                                KafkaSources.decoding(
                                        o.kafka.bootstrapServers,
                                        List.of(o.readingsTopic),
                                        o.kafka.groupIdOr(JOB),
                                        o.kafka.startFrom,
                                        o.kafka.bounded,
                                        JOB,
                                        new ReadingDecoder(o.sensorSet()),
                                        new TypeHint<Decoded<SensorReading>>() {}.getTypeInfo()),
                                KafkaSources.<SensorReading>watermarks(
                                        o.kafka.outOfOrderness, o.kafka.idleness),
                                "Kafka readings")
                        .uid(FactoryUids.READINGS_SOURCE);
        FactoryWorkflow.Outputs outputs = FactoryWorkflow.define(decoded, settings(o));
        FactorySinks.attach(
                outputs,
                new FactorySinks.Targets(
                        o.jdbc.disabled ? null : o.jdbc.settings(),
                        o.kafka.bootstrapServers,
                        o.kafka.delivery,
                        new FactorySinks.Topics(
                                o.anomaliesTopic, o.alertsTopic, o.deadLetterTopic, o.lateTopic)));
    }

    /** The options as job parameters, visible in the Flink UI; the password is never among them. */
    static Map<String, String> jobParameters(FactoryOptions o) {
        Map<String, String> p = new HashMap<>();
        p.put("kafka", o.kafka.bootstrapServers);
        p.put("group-id", o.kafka.groupIdOr(JOB));
        p.put("readings-topic", o.readingsTopic);
        p.put("jdbc-url", o.jdbc.disabled ? "(disabled)" : o.jdbc.url);
        p.put("jdbc-user", o.jdbc.user);
        p.put("sensors", String.join(",", o.sensors));
        p.put("learning", o.learning.toString());
        p.put("idle-retention", o.idleRetention.toString());
        p.put("stuck-after", Integer.toString(o.stuckAfter));
        p.put("stats-window", o.statsWindow.toString());
        p.put("stats-slide", o.statsSlide.toString());
        p.put("readings-decimation", Integer.toString(o.readingsDecimation));
        p.put("out-of-orderness", o.kafka.outOfOrderness.toString());
        p.put("idleness", o.kafka.idleness.toString());
        return p;
    }
}
