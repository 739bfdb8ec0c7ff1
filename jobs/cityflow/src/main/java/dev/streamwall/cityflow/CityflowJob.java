package dev.streamwall.cityflow;

import dev.streamwall.cityflow.functions.RoadGraphLoader;
import dev.streamwall.cityflow.functions.RoadGraphState;
import dev.streamwall.cityflow.functions.RoadReadingDecoder;
import dev.streamwall.cityflow.functions.RoadRecordDecoder;
import dev.streamwall.cityflow.functions.incident.IncidentRules;
import dev.streamwall.cityflow.functions.route.EmissionFactor;
import dev.streamwall.cityflow.workflow.CityflowSettings;
import dev.streamwall.cityflow.workflow.CityflowSinks;
import dev.streamwall.cityflow.workflow.CityflowUids;
import dev.streamwall.cityflow.workflow.CityflowWorkflow;
import dev.streamwall.common.db.Migrations;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.KafkaSources;
import dev.streamwall.common.options.JobCli;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the cityflow job: parses options, builds the Kafka sources (readings, and the road
 * graph from the start of its topic) and the sinks, runs the graph.
 */
public final class CityflowJob {

    public static final String JOB = "cityflow";

    private CityflowJob() {}

    public static void main(String[] args) throws Exception {
        CityflowOptions options = parse(args);
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
    public static CityflowOptions parse(String... args) {
        return JobCli.parse(new CityflowOptions(), o -> settings(o), args);
    }

    /** Client-side work before the graph is submitted: the database schema. */
    public static void prepare(CityflowOptions options) {
        if (!options.jdbc.disabled && options.jdbc.migrate) {
            Migrations.migrate(options.jdbc.url, options.jdbc.user, options.jdbc.password());
        }
    }

    /** The graph's settings from the options; throws naming the option that is wrong. */
    public static CityflowSettings settings(CityflowOptions o) {
        EmissionFactor co2;
        try {
            co2 = EmissionFactor.parse(o.co2Curve);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--co2-curve: " + e.getMessage(), e);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(o.timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "--time-zone: '"
                            + o.timeZone
                            + "' is not a time zone such as Europe/Paris or UTC",
                    e);
        }
        return new CityflowSettings(
                o.horizon,
                zone,
                o.rerouteThreshold,
                o.minEtaGain,
                co2,
                new IncidentRules.Thresholds(o.onsetRatio, o.onsetMinutes, o.incidentRatio),
                3,
                o.readingsDecimation);
    }

    /** Adds the job graph, with its Kafka sources and all sinks, to {@code env}. */
    public static void build(StreamExecutionEnvironment env, CityflowOptions o) {
        o.runtime.apply(env);
        env.getConfig().setGlobalJobParameters(Configuration.fromMap(jobParameters(o)));

        DataStream<Decoded<RoadReading>> readings =
                env.fromSource(
                                KafkaSources.decoding(
                                        o.kafka.bootstrapServers,
                                        List.of(o.readingsTopic),
                                        o.kafka.groupIdOr(JOB),
                                        o.kafka.startFrom,
                                        o.kafka.bounded,
                                        JOB,
                                        new RoadReadingDecoder(),
                                        new TypeHint<Decoded<RoadReading>>() {}.getTypeInfo()),
                                KafkaSources.<RoadReading>watermarks(
                                        o.kafka.outOfOrderness, o.kafka.idleness),
                                "Kafka readings")
                        .uid(CityflowUids.READINGS_SOURCE);
        // The graph is reference data: always read from the start of its (compacted) topic.
        DataStream<Decoded<RoadRecord>> roads =
                env.fromSource(
                                KafkaSources.decoding(
                                        o.kafka.bootstrapServers,
                                        List.of(o.roadsTopic),
                                        o.kafka.groupIdOr(JOB) + "-roads",
                                        KafkaSources.StartFrom.EARLIEST,
                                        o.kafka.bounded,
                                        JOB,
                                        new RoadRecordDecoder(),
                                        new TypeHint<Decoded<RoadRecord>>() {}.getTypeInfo()),
                                KafkaSources.<RoadRecord>neverHoldsBack(),
                                "Kafka roads")
                        .uid(CityflowUids.ROADS_SOURCE);
        CityflowWorkflow.Outputs outputs =
                CityflowWorkflow.define(readings, roads, initialGraph(o), settings(o));
        CityflowSinks.attach(
                outputs,
                new CityflowSinks.Targets(
                        o.jdbc.disabled ? null : o.jdbc.settings(),
                        o.kafka.bootstrapServers,
                        o.kafka.delivery,
                        new CityflowSinks.Topics(
                                o.predictionsTopic,
                                o.reroutesTopic,
                                o.incidentsTopic,
                                o.deadLetterTopic,
                                o.lateTopic)));
    }

    /**
     * The road graph on the roads topic now, so the first readings are checked against all of it
     * (the roads stream, read from the same start, only brings what changes after).
     */
    static RoadGraphState initialGraph(CityflowOptions o) {
        if (!o.initialGraph) {
            return RoadGraphState.empty();
        }
        try {
            return new RoadGraphState(
                    RoadGraphLoader.load(
                            o.kafka.bootstrapServers, o.roadsTopic, Duration.ofSeconds(60)));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "could not read the road graph from topic '"
                            + o.roadsTopic
                            + "' at "
                            + o.kafka.bootstrapServers
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The options as job parameters, visible in the Flink UI; the password is never among them. */
    static Map<String, String> jobParameters(CityflowOptions o) {
        Map<String, String> p = new HashMap<>();
        p.put("kafka", o.kafka.bootstrapServers);
        p.put("group-id", o.kafka.groupIdOr(JOB));
        p.put("readings-topic", o.readingsTopic);
        p.put("roads-topic", o.roadsTopic);
        p.put("jdbc-url", o.jdbc.disabled ? "(disabled)" : o.jdbc.url);
        p.put("jdbc-user", o.jdbc.user);
        p.put("horizon", o.horizon.toString());
        p.put("reroute-threshold", Double.toString(o.rerouteThreshold));
        p.put("min-eta-gain", Double.toString(o.minEtaGain));
        p.put("onset-ratio", Double.toString(o.onsetRatio));
        p.put("onset-minutes", Integer.toString(o.onsetMinutes));
        p.put("incident-ratio", Double.toString(o.incidentRatio));
        p.put("co2-curve", o.co2Curve);
        p.put("time-zone", o.timeZone);
        p.put("readings-decimation", Integer.toString(o.readingsDecimation));
        p.put("out-of-orderness", o.kafka.outOfOrderness.toString());
        p.put("idleness", o.kafka.idleness.toString());
        return p;
    }
}
