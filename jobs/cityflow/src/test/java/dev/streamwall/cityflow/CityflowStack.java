package dev.streamwall.cityflow;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.SqlRows;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.city.CityWireFormat;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WirePublisher;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One test's cityflow deployment on the shared embedded Kafka and PostgreSQL: its own topics and
 * database, the simulated city published into them, and the real job (Kafka sources, JDBC and Kafka
 * sinks).
 */
final class CityflowStack {
    final EmbeddedInfra infra;
    final String readings;
    final String roads;
    final String truth;
    final String predictions;
    final String reroutes;
    final String incidents;
    final String deadLetters;
    final String late;
    final String jdbcUrl;
    WirePublisher<RoadReading> publisher;
    CitySimulator simulator;

    CityflowStack(EmbeddedInfra infra) {
        this.infra = infra;
        this.readings = infra.freshTopic("readings", 4);
        this.roads = infra.freshTopic("roads");
        this.truth = infra.freshTopic("truth");
        this.predictions = infra.freshTopic("predictions", 2);
        this.reroutes = infra.freshTopic("reroutes", 2);
        this.incidents = infra.freshTopic("incidents", 2);
        this.deadLetters = infra.freshTopic("dead-letters", 2);
        this.late = infra.freshTopic("late", 2);
        this.jdbcUrl = infra.freshDatabase();
    }

    /** Publishes the whole city, as fast as possible, and waits until Kafka has every record. */
    CityflowStack publish(CityConfig city, TransportFaults faults) {
        simulator = new CitySimulator(city, truth, roads);
        publisher =
                new WirePublisher<>(
                        simulator,
                        CityWireFormat.INSTANCE,
                        faults,
                        city.seed(),
                        WirePublisher.Options.of(infra.bootstrapServers(), readings, 0),
                        "cityflow-test");
        publisher.run();
        if (publisher.failure() != null) {
            throw new IllegalStateException("publishing the city failed", publisher.failure());
        }
        return this;
    }

    List<String> args(String groupId, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka", infra.bootstrapServers(),
                                "--group-id", groupId,
                                "--start-from", "EARLIEST",
                                "--jdbc-url", jdbcUrl,
                                "--jdbc-user", "postgres",
                                "--parallelism", "2",
                                "--readings-topic", readings,
                                "--roads-topic", roads,
                                "--truth-topic", truth,
                                "--predictions-topic", predictions,
                                "--reroutes-topic", reroutes,
                                "--incidents-topic", incidents,
                                "--dead-letter-topic", deadLetters,
                                "--late-topic", late,
                                "--jdbc-batch-interval", "100ms"));
        args.addAll(List.of(extra));
        return args;
    }

    /** Runs the job over everything published so far and returns when it has read it all. */
    void runToEnd(String groupId, String... extra) throws Exception {
        List<String> args = args(groupId, extra);
        args.add("--bounded");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CityflowOptions options = CityflowJob.parse(args.toArray(String[]::new));
        CityflowJob.prepare(options);
        CityflowJob.build(env, options);
        env.execute("cityflow " + groupId);
    }

    /** Starts the unbounded job; the caller cancels it. */
    JobClient start(String groupId, String... extra) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CityflowOptions options = CityflowJob.parse(args(groupId, extra).toArray(String[]::new));
        CityflowJob.prepare(options);
        CityflowJob.build(env, options);
        return env.executeAsync("cityflow " + groupId);
    }

    List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        return SqlRows.query(jdbcUrl, sql, params);
    }

    long count(String sql, Object... params) throws SQLException {
        return SqlRows.count(jdbcUrl, sql, params);
    }

    String fingerprint(String table, String orderBy) throws SQLException {
        return SqlRows.fingerprint(jdbcUrl, table, orderBy);
    }
}
