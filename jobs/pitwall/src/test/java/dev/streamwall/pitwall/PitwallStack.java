package dev.streamwall.pitwall;

import dev.streamwall.common.json.Json;
import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.KafkaTestUtils;
import dev.streamwall.embedded.SqlRows;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.f1.FaultLabel;
import dev.streamwall.generators.f1.RaceConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One test's pitwall deployment on the shared embedded Kafka and PostgreSQL: its own topics and
 * database, the race published into them, and the real job (Kafka source, JDBC and Kafka sinks).
 */
final class PitwallStack {
    final EmbeddedInfra infra;
    final String telemetry;
    final String labels;
    final String laps;
    final String decisions;
    final String alerts;
    final String deadLetters;
    final String late;
    final String jdbcUrl;
    F1RacePublisher publisher;

    PitwallStack(EmbeddedInfra infra) {
        this.infra = infra;
        this.telemetry = infra.freshTopic("telemetry", 4);
        this.labels = infra.freshTopic("labels");
        this.laps = infra.freshTopic("laps", 2);
        this.decisions = infra.freshTopic("decisions", 2);
        this.alerts = infra.freshTopic("alerts", 2);
        this.deadLetters = infra.freshTopic("dead-letters", 2);
        this.late = infra.freshTopic("late", 2);
        this.jdbcUrl = infra.freshDatabase();
    }

    /** Publishes the whole race, as fast as possible, and waits until Kafka has every record. */
    PitwallStack publish(RaceConfig race) {
        publisher =
                new F1RacePublisher(
                        race,
                        F1RacePublisher.Options.defaults(infra.bootstrapServers())
                                .withTopics(telemetry, labels)
                                .withSpeed(0));
        publisher.run();
        if (publisher.failure() != null) {
            throw new IllegalStateException("publishing the race failed", publisher.failure());
        }
        return this;
    }

    List<String> args(String groupId, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka",
                                infra.bootstrapServers(),
                                "--group-id",
                                groupId,
                                "--start-from",
                                "EARLIEST",
                                "--jdbc-url",
                                jdbcUrl,
                                "--jdbc-user",
                                "postgres",
                                "--parallelism",
                                "2",
                                "--telemetry-topic",
                                telemetry,
                                "--laps-topic",
                                laps,
                                "--decisions-topic",
                                decisions,
                                "--alerts-topic",
                                alerts,
                                "--dead-letter-topic",
                                deadLetters,
                                "--late-topic",
                                late,
                                "--jdbc-batch-interval",
                                "100ms"));
        args.addAll(List.of(extra));
        return args;
    }

    /** Runs the job over everything published so far and returns when it has read it all. */
    void runToEnd(String groupId, String... extra) throws Exception {
        List<String> args = args(groupId, extra);
        args.add("--bounded");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PitwallOptions options = PitwallJob.parse(args.toArray(String[]::new));
        PitwallJob.prepare(options);
        PitwallJob.build(env, options);
        env.execute("pitwall " + groupId);
    }

    /** Starts the unbounded job; the caller cancels it. */
    JobClient start(String groupId, String... extra) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PitwallOptions options = PitwallJob.parse(args(groupId, extra).toArray(String[]::new));
        PitwallJob.prepare(options);
        PitwallJob.build(env, options);
        return env.executeAsync("pitwall " + groupId);
    }

    List<FaultLabel> labels() throws Exception {
        List<FaultLabel> out = new ArrayList<>();
        for (ConsumedRecord r :
                KafkaTestUtils.consume(
                        infra.bootstrapServers(),
                        labels,
                        (int) publisher.labelsSent(),
                        Duration.ofSeconds(30))) {
            out.add(Json.MAPPER.readValue(r.value(), FaultLabel.class));
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
