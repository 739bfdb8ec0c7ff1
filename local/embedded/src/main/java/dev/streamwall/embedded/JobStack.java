package dev.streamwall.embedded;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.common.job.JobOptions;
import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.wire.Json;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One test's deployment of a real job on the shared embedded Kafka and PostgreSQL: a fresh
 * database, fresh topics bound to the job's topic options, and the job built exactly as {@code
 * flink run} builds it ({@link JobMain}), run bounded to the end of its input, started unbounded,
 * stopped with a savepoint and resumed from one.
 *
 * <pre>{@code
 * JobStack<FactoryOptions> stack = new JobStack<>(infra, new FactoryJob());
 * String readings = stack.topic("--readings-topic", "readings", 4);
 * ... publish into readings ...
 * stack.runToEnd("first");
 * stack.count("SELECT count(*) FROM sensor_readings");
 * }</pre>
 */
public class JobStack<O extends JobOptions> {

    private static final Pattern URL_USER = Pattern.compile("[?&]user=([^&]+)");

    public final EmbeddedInfra infra;
    public final String jdbcUrl;

    /** The fresh topics every job writes its dead letters and its late events to. */
    public final String deadLetters;

    public final String late;

    private final StreamwallJob<O> job;
    private final Map<String, String> topicOptions = new LinkedHashMap<>();
    private Duration checkpointInterval;
    private int restarts;
    private boolean onHeap;
    private String kafkaBootstrap;
    private Map<String, String> kafkaSettings = Map.of();

    /** The job on a fresh database. */
    public JobStack(EmbeddedInfra infra, StreamwallJob<O> job) {
        this(infra, job, infra.freshDatabase());
    }

    /** The job on the database at {@code jdbcUrl}, which other stacks may share. */
    public JobStack(EmbeddedInfra infra, StreamwallJob<O> job, String jdbcUrl) {
        this.infra = infra;
        this.job = job;
        this.jdbcUrl = jdbcUrl;
        this.deadLetters = topic("--dead-letter-topic", "dead-letters", 2);
        this.late = topic("--late-topic", "late", 2);
    }

    /** Creates a fresh topic and passes it to the job as {@code option} (e.g. --alerts-topic). */
    public String topic(String option, String name, int partitions) {
        String topic = infra.freshTopic(name, partitions);
        topicOptions.put(option, topic);
        return topic;
    }

    /**
     * Creates a topic under exactly {@code name} and passes it to the job as {@code option}: for a
     * savepoint whose Kafka offsets refer to that topic (an existing topic is kept as it is).
     */
    public String namedTopic(String option, String name, int partitions) {
        infra.kafka().createTopic(name, partitions);
        topicOptions.put(option, name);
        return name;
    }

    /**
     * The job's input topic: a fresh one, or, when {@code existing} is not null, the topic of that
     * exact name (see {@link #namedTopic}).
     */
    public String inputTopic(String option, String name, int partitions, String existing) {
        return existing == null
                ? topic(option, name, partitions)
                : namedTopic(option, existing, partitions);
    }

    /**
     * The program arguments of a run: this stack's broker, database and topics, consumer group
     * {@code groupId} from the earliest offsets, parallelism 2, quick JDBC batches, at-least-once
     * Kafka outputs unless {@code extra} sets {@code --kafka-delivery}, then {@code extra}.
     */
    public List<String> args(String groupId, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka",
                                kafkaBootstrap != null ? kafkaBootstrap : infra.bootstrapServers(),
                                "--group-id",
                                groupId,
                                "--start-from",
                                "EARLIEST",
                                "--jdbc-url",
                                jdbcUrl,
                                "--jdbc-user",
                                userOf(jdbcUrl),
                                "--parallelism",
                                "2",
                                "--jdbc-batch-interval",
                                "100ms"));
        topicOptions.forEach(
                (option, topic) -> {
                    args.add(option);
                    args.add(topic);
                });
        new java.util.TreeMap<>(kafkaSettings)
                .forEach(
                        (key, value) -> {
                            args.add("--kafka-property");
                            args.add(key + "=" + value);
                        });
        if (!List.of(extra).contains("--kafka-delivery")) {
            // Outputs at once, as the tests read them, also from jobs they cancel; the crash
            // drills ask for the default, exactly-once.
            args.addAll(List.of("--kafka-delivery", "AT_LEAST_ONCE"));
        }
        args.addAll(List.of(extra));
        return args;
    }

    /** The job's options for these arguments, parsed and checked as the job's main does. */
    public O options(List<String> args) {
        return JobMain.parse(job, args.toArray(String[]::new));
    }

    /**
     * The job reaches the shared broker through its SASL_PLAINTEXT listener, logging in as {@link
     * EmbeddedKafka#SCRAM_USER} with {@code password} (SCRAM-SHA-256) in every source and sink.
     */
    public JobStack<O> overScram(String password) {
        kafkaBootstrap = infra.kafka().scramBootstrapServers();
        kafkaSettings = EmbeddedKafka.scramClientSettings(EmbeddedKafka.SCRAM_USER, password);
        return this;
    }

    /**
     * Runs the stack's jobs as a cluster that recovers would: a checkpoint every {@code interval}
     * and up to {@code restarts} restarts from the latest one (half a second apart), instead of the
     * test cluster's "fail at once".
     */
    public JobStack<O> recovering(Duration interval, int restarts) {
        this.checkpointInterval = interval;
        this.restarts = restarts;
        return this;
    }

    /**
     * Runs the stack's jobs with heap state instead of the shipped RocksDB: for a test that only
     * needs the job's output (a fill for queries or dashboards), which then comes several times
     * faster (the cityflow CEP operators walk their RocksDB buffers on every watermark). Tests of
     * upgrades, faults and the job itself keep RocksDB, as clusters run it.
     */
    public JobStack<O> onHeap() {
        this.onHeap = true;
        return this;
    }

    /** Starts the job over everything published so far; it finishes at the end of its input. */
    public JobClient startBounded(String groupId, String... extra) throws Exception {
        List<String> args = args(groupId, extra);
        args.add("--bounded");
        return submit(args, null);
    }

    /** Runs the job over everything published so far and returns when it has read it all. */
    public void runToEnd(String groupId, String... extra) throws Exception {
        startBounded(groupId, extra).getJobExecutionResult().get();
    }

    /** Starts the unbounded job; the caller cancels or stops it. */
    public JobClient start(String groupId, String... extra) throws Exception {
        return submit(args(groupId, extra), null);
    }

    /**
     * Starts the unbounded job from {@code savepoint}, as the Kubernetes operator deploys
     * (allowNonRestoredState false: every piece of state in the savepoint must find its operator by
     * uid). Offsets come from the savepoint: the job starts from LATEST otherwise, so a job that
     * did not restore them would skip everything already in the topic.
     */
    public JobClient startFromSavepoint(String savepoint, String groupId, String... extra)
            throws Exception {
        List<String> args = args(groupId, extra);
        args.set(args.indexOf("EARLIEST"), "LATEST");
        return submit(args, savepoint);
    }

    /** Stops {@code client}'s job with a canonical savepoint and returns its path. */
    public static String stopWithSavepoint(JobClient client) throws Exception {
        return client.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL)
                .get(60, TimeUnit.SECONDS);
    }

    /**
     * Stops {@code client}'s unbounded job as an operator ends one for good: a savepoint with
     * {@code --drain}, which first moves event time to its end, so that every window and timer
     * fires as at the end of a bounded run. Waits until the job has finished.
     */
    public static void drain(JobClient client) throws Exception {
        client.stopWithSavepoint(true, null, SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        client.getJobExecutionResult().get(2, TimeUnit.MINUTES);
    }

    private JobClient submit(List<String> args, String savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (onHeap) {
            env.configure(Configuration.fromMap(Map.of("state.backend.type", "hashmap")));
        }
        if (checkpointInterval != null) {
            Configuration recovery = new Configuration();
            recovery.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            recovery.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restarts);
            recovery.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(500));
            env.configure(recovery);
            env.enableCheckpointing(checkpointInterval.toMillis());
        }
        O options = options(args);
        JobMain.prepare(options);
        JobMain.build(job, env, options);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(job.name() + " " + args.get(args.indexOf("--group-id") + 1));
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        return env.executeAsync(graph);
    }

    /** The {@code user} parameter of a JDBC URL; the superuser {@code postgres} without one. */
    static String userOf(String jdbcUrl) {
        Matcher m = URL_USER.matcher(jdbcUrl);
        return m.find() ? m.group(1) : EmbeddedPostgres.SUPERUSER;
    }

    /** Rows of a query as column → value maps. */
    public List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        return DbQueries.query(jdbcUrl, sql, params);
    }

    /** Runs a statement that returns no rows, e.g. {@code CALL run_job(1000)}. */
    public void execute(String sql, Object... params) throws SQLException {
        DbQueries.execute(jdbcUrl, sql, params);
    }

    public long count(String sql, Object... params) throws SQLException {
        return DbQueries.count(jdbcUrl, sql, params);
    }

    /** Waits until {@code sql} counts at least {@code atLeast} rows. */
    public void awaitCount(String sql, long atLeast, Duration timeout) throws Exception {
        Eventually.waitFor(() -> count(sql) >= atLeast, timeout);
    }

    /** A fingerprint of a whole table's content, to compare runs. */
    public String fingerprint(String table, String orderBy) throws SQLException {
        return DbQueries.fingerprint(jdbcUrl, table, orderBy);
    }

    /**
     * Fingerprints of whole tables, to compare two runs: {@code tablesAndOrder} alternates a table
     * and the columns that order it; a table ordered by {@code ""} is compared by its row count
     * only (for tables too large to hash).
     */
    public Map<String, String> fingerprints(String... tablesAndOrder) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < tablesAndOrder.length; i += 2) {
            String table = tablesAndOrder[i];
            String orderBy = tablesAndOrder[i + 1];
            out.put(
                    table,
                    orderBy.isEmpty()
                            ? Long.toString(count("SELECT count(*) FROM " + table))
                            : fingerprint(table, orderBy));
        }
        return out;
    }

    /** The records of {@code topic}, waiting up to {@code timeout} for at least {@code n}. */
    public List<ConsumedRecord> consume(String topic, int n, Duration timeout) {
        return KafkaTestUtils.consume(infra.bootstrapServers(), topic, n, timeout);
    }

    /**
     * Every record of {@code topic} committed so far (read committed, to each partition's end): for
     * a topic whose job has finished or been drained, all of it.
     */
    public List<ConsumedRecord> consumeAll(String topic) {
        return KafkaTestUtils.consumeAll(infra.bootstrapServers(), topic, Duration.ofSeconds(30));
    }

    /** The first {@code n} records of {@code topic} read as JSON {@code type}, within 30 s. */
    public <T> List<T> readJson(String topic, int n, Class<T> type) throws Exception {
        List<T> out = new ArrayList<>();
        for (ConsumedRecord r : consume(topic, n, Duration.ofSeconds(30))) {
            out.add(Json.MAPPER.readValue(r.value(), type));
        }
        return out;
    }
}
