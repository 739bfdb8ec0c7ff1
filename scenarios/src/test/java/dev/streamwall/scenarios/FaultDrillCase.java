package dev.streamwall.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwall.common.decode.RejectReason;
import dev.streamwall.common.kafka.DecodingDeserializer;
import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.DatabaseOutage;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.Eventually;
import dev.streamwall.embedded.JobStack;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault drill every job passes: its input, with a catalogue of poison records sent two fifths
 * in (NUL bytes, invalid UTF-8, 900 KB that is not JSON, 700 KB of quotes, deep nesting, an empty
 * value, a tombstone, a number sent as a string, a NUL inside a text field, and a record from the
 * year 2100 on every partition), is read by the unbounded job while its TaskManager is killed, the
 * database goes away for {@link #OUTAGE} and the Kafka broker restarts, then the job is drained.
 * The job has to ride the outage out (its sinks wait), restart from its checkpoints after each kill
 * and carry on through the broker's restart (its transactions included). Every poison record must
 * be dead-lettered once with its reason, in the table and on the topic; nothing may be late; every
 * table must equal a clean run's, row for row; and the main output topic, read committed, must hold
 * each record once.
 *
 * @param <S> the job's test stack
 */
@ExtendWith(EmbeddedInfraExtension.class)
public abstract class FaultDrillCase<S extends ScenarioStack<?>> implements MiniClusterTest {

    /**
     * The drill at full strength ({@code -Dstreamwall.drill=full}): five kills and the database
     * away for 30 s. CI runs it lighter, two kills and 6 s, to keep the suite within its time.
     */
    protected static final boolean FULL = "full".equals(System.getProperty("streamwall.drill"));

    /** How long the database is away. */
    protected static final Duration OUTAGE = Duration.ofSeconds(FULL ? 30 : 6);

    private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    /** A fresh stack with its input set but not published (see {@link ScenarioStack}). */
    protected abstract S stack(EmbeddedInfra infra);

    private final String numericField;
    private final String textField;
    private final String firstTable;

    /**
     * A drill that corrupts {@code numericField} and {@code textField} of an input record, waits
     * for the first rows of {@code firstTable}, and compares the stack's tables with the reference.
     */
    protected FaultDrillCase(String numericField, String textField, String firstTable) {
        this.numericField = numericField;
        this.textField = textField;
        this.firstTable = firstTable;
    }

    /**
     * How many times the TaskManager is killed in a run: in the third fifth (the odd one) and the
     * fifth.
     */
    protected static final int CRASHES = FULL ? 5 : 2;

    /** How long the Kafka broker stays down when it restarts, in the fourth fifth. */
    protected static final Duration BROKER_DOWN = Duration.ofSeconds(2);

    /**
     * The drill: a clean reference run, then the same input, in fifths, read by the unbounded job
     * with checkpoints every 500 ms and exactly-once Kafka outputs. The database goes away for
     * {@link #OUTAGE} as the second fifth arrives; the poison catalogue comes before the third; the
     * TaskManager (every task of the job) is killed while the third and the fifth are read, and the
     * Kafka broker restarts (down {@link #BROKER_DOWN}) while the fourth is, each time after a
     * checkpoint inside that fifth; a new TaskManager takes each killed one's place and the job
     * restarts from its latest checkpoint. Once its committed offsets reach the end of the input,
     * the job is stopped with a drained savepoint.
     */
    @Test
    void poisonADatabaseOutageAndKilledTaskManagersLeaveTheResultsOfACleanRun(
            EmbeddedInfra infra, @InjectMiniCluster MiniCluster cluster) throws Exception {
        S reference = stack(infra);
        reference.publishAll();
        reference.runToEnd("reference");
        long events = reference.events();
        long rows = reference.count("SELECT count(*) FROM " + firstTable);

        S drill = stack(infra);
        // Each kill restarts the job, and so may the broker's restart; with room to spare.
        drill.recovering(Duration.ofMillis(500), 2 * CRASHES + 2);
        String topic = drill.input();
        long started = System.nanoTime();
        // The input arrives in fifths and each fault is set off while the job has a fifth still
        // to read, so that the faults land mid-run however fast the machine (run bounded over
        // the whole input, a CI machine finished the factory drill after one kill). The job is
        // unbounded, as in production, and has no idleness within the run: every partition gets
        // records in every fifth, so the watermark waits for all of them as in a bounded run.
        drill.publishRange(0, events / 5);
        // An empty partition would hold the watermark back for the whole run (no idleness).
        assertThat(infra.kafka().partitionEnds(topic))
                .as("records in every partition of " + topic + " after the first fifth")
                .doesNotContain(0L);
        JobClient job =
                drill.start("drill", "--kafka-delivery", "EXACTLY_ONCE", "--idleness", "1h");
        awaitRead(drill, cluster, job, rows);
        Map<String, String> expected = Map.of();
        int crashes = 0;
        Duration brokerAway = Duration.ZERO;
        for (int fifth = 2; fifth <= 5; fifth++) {
            long read = infra.kafka().committedOffsets("drill", topic);
            if (fifth == 3) {
                expected = poison(drill, topic);
            }
            long from = events * (fifth - 1) / 5;
            long count = events * fifth / 5 - from;
            if (fifth == 2) {
                // The job reads the fifth while the database is away.
                long away = System.nanoTime();
                try (DatabaseOutage outage =
                        DatabaseOutage.begin(infra.postgres(), drill.jdbcUrl)) {
                    drill.publishRange(from, count);
                    Thread.sleep(
                            Math.max(
                                    0, OUTAGE.toMillis() - (System.nanoTime() - away) / 1_000_000));
                    assertThat(ended(job)).as("the job waits for the database").isFalse();
                }
            } else {
                // Faulted while the fifth is being published and read: after a checkpoint inside
                // it (so after the previous restart too). In the fourth the Kafka broker
                // restarts under the job (and the publisher); in the third and fifth the
                // TaskManager is killed.
                CompletableFuture<Void> publishing =
                        CompletableFuture.runAsync(
                                () -> {
                                    try {
                                        drill.publishRange(from, count);
                                    } catch (Exception e) {
                                        throw new CompletionException(e);
                                    }
                                });
                Eventually.waitFor(
                        () -> ended(job) || infra.kafka().committedOffsets("drill", topic) > read,
                        Duration.ofSeconds(120),
                        () -> state(drill, cluster, job, rows));
                failIfEnded(job);
                if (fifth == 4) {
                    brokerAway = infra.kafka().restartBroker(BROKER_DOWN);
                } else {
                    int kills = fifth == 3 ? (CRASHES + 1) / 2 : CRASHES / 2;
                    for (int k = 0; k < kills; k++) {
                        if (k > 0) {
                            // Again once the job runs and has checkpointed since the restart.
                            long since = completedCheckpoints(cluster, job);
                            Eventually.waitFor(
                                    () ->
                                            ended(job)
                                                    || running(cluster, job)
                                                            && completedCheckpoints(cluster, job)
                                                                    > since,
                                    Duration.ofSeconds(120),
                                    () -> state(drill, cluster, job, rows));
                            failIfEnded(job);
                        }
                        cluster.terminateTaskManager(crashes).get(30, TimeUnit.SECONDS);
                        cluster.startTaskManager();
                        crashes++;
                    }
                }
                publishing.get(5, TimeUnit.MINUTES);
            }
            System.out.printf(
                    "%s: fifth %d at %.1f s: %s%n",
                    getClass().getSimpleName(),
                    fifth,
                    (System.nanoTime() - started) / 1e9,
                    state(drill, cluster, job, rows));
        }
        // Everything read and checkpointed, then ended as an operator ends a job for good: a
        // savepoint with --drain, which fires every window and timer as the end of a bounded run
        // does.
        awaitRead(drill, cluster, job, rows);
        JobStack.drain(job);
        System.out.printf(
                "%s: %d poison records, %d TaskManagers killed, database away %d s, Kafka broker"
                        + " away %.1f s, %d checkpoints, %d restarts, run %.1f s%n",
                getClass().getSimpleName(),
                expected.size(),
                crashes,
                OUTAGE.toSeconds(),
                brokerAway.toMillis() / 1e3,
                completedCheckpoints(cluster, job),
                restarts(cluster, job),
                (System.nanoTime() - started) / 1e9);

        // Every poison record dead-lettered once, with its reason, in the table and on the topic.
        Map<String, String> letters = new HashMap<>();
        for (var row : drill.query("SELECT id, reason FROM dead_letters")) {
            letters.put((String) row.get("id"), (String) row.get("reason"));
        }
        assertThat(letters).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(drill.consumeAll(drill.deadLetters)).hasSize(expected.size());
        assertThat(drill.consumeAll(drill.late)).as("late records").isEmpty();
        // And the good data unharmed: every table as in the clean run, the main output topic,
        // read committed, with each record once.
        assertThat(drill.fingerprints(drill.tables()))
                .isEqualTo(reference.fingerprints(reference.tables()));
        List<String> published = keys(reference.consumeAll(reference.mainOutput()));
        assertThat(published).as("records on the reference's output topic").isNotEmpty();
        assertThat(keys(drill.consumeAll(drill.mainOutput())))
                .as("each output record once")
                .isEqualTo(published);
        alsoTheSame(reference, drill);
    }

    /**
     * What else the drill must leave as the clean run did, checked after everything else: outputs
     * that only a job's own stack knows of (none by default).
     */
    protected void alsoTheSame(S reference, S drill) throws Exception {}

    private static List<String> keys(List<ConsumedRecord> records) {
        return records.stream().map(ConsumedRecord::key).sorted().toList();
    }

    private static boolean ended(JobClient job) throws Exception {
        return job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState();
    }

    /**
     * Waits until the job has read and checkpointed everything published so far and all its tasks
     * run (not restarting after a kill).
     */
    private void awaitRead(S drill, MiniCluster cluster, JobClient job, long rows)
            throws Exception {
        String topic = drill.input();
        Eventually.waitFor(
                () ->
                        ended(job)
                                || (drill.infra.kafka().committedOffsets("drill", topic)
                                                >= drill.infra.kafka().endOffsets(topic)
                                        && running(cluster, job)),
                Duration.ofMinutes(3),
                () -> state(drill, cluster, job, rows));
        failIfEnded(job);
    }

    /** Fails with the job's own failure if it has ended: an unbounded job ends only by failing. */
    private static void failIfEnded(JobClient job) throws Exception {
        if (ended(job)) {
            job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            throw new AssertionError("the drill's unbounded job ended on its own");
        }
    }

    private static boolean running(MiniCluster cluster, JobClient job) throws Exception {
        for (var vertex :
                cluster.getExecutionGraph(job.getJobID())
                        .get(10, TimeUnit.SECONDS)
                        .getAllExecutionVertices()) {
            if (vertex.getExecutionState() != ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    /** Where a drill stands: rows written, checkpoints, job and task states. */
    private String state(S drill, MiniCluster cluster, JobClient job, long rows) throws Exception {
        var graph = cluster.getExecutionGraph(job.getJobID()).get(10, TimeUnit.SECONDS);
        Map<String, Long> tasks = new java.util.TreeMap<>();
        for (var vertex : graph.getAllExecutionVertices()) {
            tasks.merge(vertex.getExecutionState().toString(), 1L, Long::sum);
        }
        return String.format(
                "%d of %d rows in %s, %d checkpoints, job %s, tasks %s",
                drill.count("SELECT count(*) FROM " + firstTable),
                rows,
                firstTable,
                completedCheckpoints(cluster, job),
                graph.getState(),
                tasks);
    }

    /** How many times the job's tasks were restarted: the most of any task. */
    private static int restarts(MiniCluster cluster, JobClient job) throws Exception {
        int most = 0;
        for (var vertex :
                cluster.getExecutionGraph(job.getJobID())
                        .get(10, TimeUnit.SECONDS)
                        .getAllExecutionVertices()) {
            most = Math.max(most, vertex.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return most;
    }

    private static long completedCheckpoints(MiniCluster cluster, JobClient job) throws Exception {
        var stats =
                cluster.getExecutionGraph(job.getJobID())
                        .get(10, TimeUnit.SECONDS)
                        .getCheckpointStatsSnapshot();
        return stats == null ? 0 : stats.getCounts().getNumberOfCompletedCheckpoints();
    }

    /** Whether the job has written its first rows (its tables exist once it has migrated). */
    private boolean writing(S stack) {
        try {
            return stack.count("SELECT count(*) FROM " + firstTable) > 0;
        } catch (SQLException notYetMigrated) {
            return false;
        }
    }

    /**
     * Sends the poison catalogue into every partition of {@code topic} and returns the dead letter
     * each must become: id ({@code topic/partition/offset}) → reason.
     */
    private Map<String, String> poison(S stack, String topic) throws Exception {
        ConsumedRecord sample = stack.consume(topic, 1, Duration.ofSeconds(30)).get(0);
        ObjectNode good = (ObjectNode) Json.MAPPER.readTree(sample.value());
        byte[] key = sample.key() == null ? null : sample.key().getBytes(StandardCharsets.UTF_8);

        Map<byte[], String> catalogue = new LinkedHashMap<>();
        catalogue.put(
                "not json \u0000 at all".getBytes(StandardCharsets.UTF_8), RejectReason.NOT_JSON);
        catalogue.put(
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'},
                RejectReason.NOT_JSON);
        catalogue.put(filled('x', 900 * 1024), RejectReason.NOT_JSON);
        catalogue.put(filled('"', 700 * 1024), RejectReason.NOT_JSON);
        catalogue.put(
                ("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")
                        .getBytes(StandardCharsets.UTF_8),
                RejectReason.NOT_JSON);
        catalogue.put(new byte[0], RejectReason.NOT_JSON);
        catalogue.put(null, RejectReason.NOT_JSON);
        catalogue.put(
                Json.toBytes(good.deepCopy().put(numericField, "NaN")), RejectReason.WRONG_TYPE);
        catalogue.put(
                Json.toBytes(good.deepCopy().put(textField, "a\u0000b")), RejectReason.BAD_TEXT);

        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.infra.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class);
        Map<String, String> expected = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            int partitions = producer.partitionsFor(topic).size();
            int i = 0;
            for (var poison : catalogue.entrySet()) {
                // A null key on every other one.
                RecordMetadata at =
                        producer.send(
                                        new ProducerRecord<>(
                                                topic,
                                                i % partitions,
                                                i++ % 2 == 0 ? null : key,
                                                poison.getKey()))
                                .get();
                expected.put(topic + "/" + at.partition() + "/" + at.offset(), poison.getValue());
            }
            byte[] future = Json.toBytes(good.deepCopy().put("ts", YEAR_2100));
            for (int p = 0; p < partitions; p++) {
                RecordMetadata at =
                        producer.send(new ProducerRecord<>(topic, p, key, future)).get();
                expected.put(
                        topic + "/" + at.partition() + "/" + at.offset(),
                        DecodingDeserializer.FUTURE_TIMESTAMP);
            }
            // Over the broker's limit: refused before it reaches the job (message.max.bytes).
            assertThatThrownBy(
                            () ->
                                    producer.send(
                                                    new ProducerRecord<>(
                                                            topic, 0, key, filled('x', 2 << 20)))
                                            .get())
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
        return expected;
    }

    private static byte[] filled(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
