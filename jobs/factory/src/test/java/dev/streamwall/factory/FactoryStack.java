package dev.streamwall.factory;

import dev.streamwall.common.json.Json;
import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.KafkaTestUtils;
import dev.streamwall.embedded.SqlRows;
import dev.streamwall.generators.factory.FactoryLabel;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantPublisher;
import dev.streamwall.generators.wire.TransportFaults;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One test's factory deployment on the shared embedded Kafka and PostgreSQL: its own topics and
 * database, the plant published into them, and the real job (Kafka source, JDBC and Kafka sinks).
 */
final class FactoryStack {
    final EmbeddedInfra infra;
    final String readings;
    final String labels;
    final String anomalies;
    final String alerts;
    final String deadLetters;
    final String late;
    final String jdbcUrl;
    PlantPublisher publisher;

    FactoryStack(EmbeddedInfra infra) {
        this.infra = infra;
        this.readings = infra.freshTopic("readings", 4);
        this.labels = infra.freshTopic("labels");
        this.anomalies = infra.freshTopic("anomalies", 2);
        this.alerts = infra.freshTopic("alerts", 2);
        this.deadLetters = infra.freshTopic("dead-letters", 2);
        this.late = infra.freshTopic("late", 2);
        this.jdbcUrl = infra.freshDatabase();
    }

    /** Publishes the whole plant, as fast as possible, and waits until Kafka has every record. */
    FactoryStack publish(PlantConfig plant, TransportFaults faults) {
        publisher =
                new PlantPublisher(
                        plant,
                        PlantPublisher.Options.defaults(infra.bootstrapServers())
                                .withTopics(readings, labels)
                                .withSpeed(0)
                                .withTransportFaults(faults));
        publisher.run();
        if (publisher.failure() != null) {
            throw new IllegalStateException("publishing the plant failed", publisher.failure());
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
                                "--anomalies-topic", anomalies,
                                "--alerts-topic", alerts,
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
        FactoryOptions options = FactoryJob.parse(args.toArray(String[]::new));
        FactoryJob.prepare(options);
        FactoryJob.build(env, options);
        env.execute("factory " + groupId);
    }

    /** Starts the unbounded job; the caller cancels it. */
    JobClient start(String groupId, String... extra) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FactoryOptions options = FactoryJob.parse(args(groupId, extra).toArray(String[]::new));
        FactoryJob.prepare(options);
        FactoryJob.build(env, options);
        return env.executeAsync("factory " + groupId);
    }

    List<FactoryLabel> labels() throws Exception {
        List<FactoryLabel> out = new ArrayList<>();
        for (ConsumedRecord r :
                KafkaTestUtils.consume(
                        infra.bootstrapServers(),
                        labels,
                        (int) publisher.labelsSent(),
                        Duration.ofSeconds(30))) {
            out.add(Json.MAPPER.readValue(r.value(), FactoryLabel.class));
        }
        return out;
    }

    /** Rows of a query as column → value maps. */
    List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        return SqlRows.query(jdbcUrl, sql, params);
    }

    long count(String sql, Object... params) throws SQLException {
        return SqlRows.count(jdbcUrl, sql, params);
    }

    /** A fingerprint of a whole table's content, to compare runs. */
    String fingerprint(String table, String orderBy) throws SQLException {
        return SqlRows.fingerprint(jdbcUrl, table, orderBy);
    }
}
