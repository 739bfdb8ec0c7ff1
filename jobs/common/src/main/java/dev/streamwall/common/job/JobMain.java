package dev.streamwall.common.job;

import dev.streamwall.common.db.DatabaseCheck;
import dev.streamwall.common.db.Migrations;
import dev.streamwall.common.kafka.KafkaCheck;
import dev.streamwall.common.options.JobCli;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code main} of every job: parse the program arguments, migrate the schema, build the graph,
 * execute it. Tests and the local runner use the same steps one by one.
 */
public final class JobMain {

    private JobMain() {}

    /** Runs {@code job} with program arguments {@code args}, as {@code flink run} does. */
    public static <O extends JobOptions> void run(StreamwallJob<O> job, String... args)
            throws Exception {
        O options = parse(job, args);
        if (options == null) {
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        prepare(options);
        build(job, env, options);
        env.execute(options.runtime.jobName);
    }

    /**
     * Parses the program arguments; prints help and returns null when the job should not run; a
     * usage error or a failed check throws with the message and the usage, so {@code flink run}
     * fails and says why.
     */
    public static <O extends JobOptions> O parse(StreamwallJob<O> job, String... args) {
        return JobCli.parse(job.newOptions(), job::check, args);
    }

    /**
     * Client-side work before the graph is submitted: Kafka reached once with the job's client
     * settings (one line if it cannot be), then the database schema.
     */
    public static void prepare(JobOptions options) {
        KafkaCheck.connect(options.kafka.client(), Duration.ofSeconds(15));
        if (!options.jdbc.disabled && options.jdbc.migrate) {
            Migrations.migrate(options.jdbc.url, options.jdbc.user, options.jdbc.password());
        }
    }

    /** Adds the job's graph, with its sources and outputs, to {@code env}. */
    public static <O extends JobOptions> void build(
            StreamwallJob<O> job, StreamExecutionEnvironment env, O options) {
        options.runtime.apply(env);
        if (options.kafka.watermarkInterval != null) {
            env.getConfig().setAutoWatermarkInterval(options.kafka.watermarkInterval.toMillis());
        }
        env.getConfig().setGlobalJobParameters(Configuration.fromMap(parameters(job, options)));
        job.define(env, options);
    }

    /** The options as job parameters, visible in the Flink UI; the password is never among them. */
    public static <O extends JobOptions> Map<String, String> parameters(StreamwallJob<O> job, O o) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka", o.kafka.bootstrapServers);
        p.put("group-id", o.kafka.groupIdOr(job.name()));
        p.put("jdbc-url", o.jdbc.disabled ? "(disabled)" : DatabaseCheck.redact(o.jdbc.url));
        p.put("jdbc-user", o.jdbc.user);
        p.put("out-of-orderness", o.kafka.outOfOrderness.toString());
        p.put("idleness", o.kafka.idleness.toString());
        if (o.kafka.watermarkInterval != null) {
            p.put("watermark-interval", o.kafka.watermarkInterval.toString());
        }
        p.putAll(job.parameters(o));
        return p;
    }
}
