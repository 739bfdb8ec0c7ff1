package dev.streamwall.runner.run;

import dev.streamwall.common.db.DatabaseCheck;
import dev.streamwall.common.job.JobMain;
import dev.streamwall.common.job.JobOptions;
import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.common.kafka.KafkaCheck;
import dev.streamwall.embedded.LocalFlinkConfig;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.runner.BoardSql;
import dev.streamwall.runner.LocalFlink;
import dev.streamwall.runner.LocalServers;
import dev.streamwall.runner.db.KeptDatabase;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs one job over a recorded file, start to end, on this machine: Kafka and PostgreSQL in-process
 * (or the given ones), the file replayed into fresh topics, the job run bounded to the end of it on
 * a local MiniCluster, then a summary of what was read, rejected, dead-lettered, late and written,
 * and the output tables as CSV files on request.
 */
public final class RecordingRun {

    /** How many rejected rows the summary shows. */
    static final int SHOWN_REJECTIONS = 10;

    private final RunOptions options;
    private final PrintStream out;

    public RecordingRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs {@code recording}'s job over the file; the exit code. */
    public int run(RecordingJob recording) throws Exception {
        String name = recording.job().name();
        String command = "streamwall run " + name;
        if (!Files.isRegularFile(options.file)) {
            out.println(
                    command
                            + ": "
                            + options.file.toAbsolutePath()
                            + " does not exist or is not a file; give the recording with --file");
            return 2;
        }
        if (options.speed < 0) {
            out.println(command + ": --speed must be 0 (as fast as possible) or positive");
            return 2;
        }
        CsvReplay.RowMapper mapper;
        try {
            mapper = recording.mapper();
        } catch (IllegalArgumentException e) {
            out.println(command + ": " + e.getMessage());
            return 2;
        }
        if (options.keep && options.jdbcUrl != null) {
            out.println(
                    command
                            + ": --keep keeps the results in a database of this machine; with"
                            + " --jdbc-url they stay in yours: give one or the other");
            return 2;
        }
        boolean kafkaSettings =
                options.kafkaClient.propertiesFile != null
                        || !options.kafkaClient.properties.isEmpty();
        if (kafkaSettings && options.kafka == null) {
            out.println(
                    command
                            + ": --kafka-properties/--kafka-property are for your own Kafka: give"
                            + " its bootstrap servers with --kafka (the in-process one needs none)");
            return 2;
        }
        try {
            // The file and its ${NAME}s are read now: a mistake in them is one line, before
            // anything starts.
            options.kafkaClient.client("check", System.getenv());
        } catch (IllegalArgumentException e) {
            out.println(command + ": " + e.getMessage());
            return 2;
        }
        KeptDatabase kept = options.keep ? new KeptDatabase(options.workDir) : null;
        String database =
                kept != null ? KeptDatabase.databaseName(name, options.file) : "streamwall";
        if (options.scoreOnly) {
            ScoreOnlyRun scoring = new ScoreOnlyRun(options, out);
            return kept != null
                    ? scoring.scoreKept(recording, mapper, command, kept, database)
                    : scoring.scoreOnly(recording, mapper, command);
        }
        Files.createDirectories(options.workDir);
        Instant startedAt = Instant.now();
        out.println(command + ": " + options.file);
        try (LocalServers servers =
                LocalServers.start(
                        options.kafka, options.jdbcUrl, options.jdbcUser, database, kept, out)) {
            servers.deletedNote(null); // the summary says what becomes of the results
            if (options.kafka != null) {
                // Before anything is sent: a wrong address or password is one line, now.
                try {
                    servers.useKafkaClient(options.kafkaClient);
                } catch (KafkaCheck.Unreachable e) {
                    out.println(command + ": " + e.getMessage());
                    return 2;
                }
            }
            String run = "run-" + name + "-" + startedAt.toEpochMilli();
            Map<String, String> topics = topics(recording, run);
            Map<String, Integer> partitions = new LinkedHashMap<>();
            topics.forEach(
                    (option, topic) ->
                            partitions.put(topic, option.equals(recording.inputOption()) ? 4 : 2));
            servers.createTopics(partitions);

            long replayStarted = System.nanoTime();
            CsvReplay.Result replay;
            try {
                replay =
                        new CsvReplay(
                                        options.file,
                                        mapper,
                                        new WirePublisher.Options(
                                                        servers.bootstrapServers,
                                                        topics.get(recording.inputOption()),
                                                        options.speed,
                                                        0,
                                                        0)
                                                .withClientSettings(servers.kafkaSettings()))
                                .run();
            } catch (IllegalArgumentException e) {
                out.println(command + ": " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                out.println(command + ": replaying the file failed: " + firstLine(e));
                return 1;
            }
            double replaySeconds = (System.nanoTime() - replayStarted) / 1e9;
            if (replay.sent() == 0) {
                out.println(
                        command
                                + ": no row of "
                                + options.file
                                + " could be read ("
                                + replay.rejected()
                                + " rejected)");
                replay.firstRejections().stream()
                        .limit(SHOWN_REJECTIONS)
                        .forEach(r -> out.println("  " + r));
                return 1;
            }
            out.printf(
                    Locale.ROOT,
                    "  replayed %,d records into %s in %.1f s; running the job to the end ...%n",
                    replay.sent(),
                    topics.get(recording.inputOption()),
                    replaySeconds);

            publishReferenceData(recording.referenceData(replay.firstTs()), topics, servers);

            List<String> args = servers.endpoints(options.parallelism).jobArgs(run);
            topics.forEach(
                    (option, topic) -> {
                        args.add(option);
                        args.add(topic);
                    });
            args.addAll(List.of("--bounded", "--kafka-delivery", "AT_LEAST_ONCE"));
            args.addAll(recording.extraArgs());
            int uiPort =
                    LocalFlink.freePort(LocalFlink.UI_PORT, LocalFlink.UI_LAST, "the Flink Web UI");
            StreamExecutionEnvironment env =
                    LocalFlink.environment(
                            LocalFlink.withWebUi(
                                    LocalFlinkConfig.local(
                                            options.workDir.toAbsolutePath(),
                                            options.parallelism,
                                            null,
                                            Map.of("state.backend.type", "hashmap")),
                                    uiPort));
            out.println(
                    "  Flink Web UI while the job runs: http://localhost:"
                            + uiPort
                            + "/   (job graph, watermarks, back pressure)");
            long jobStarted = System.nanoTime();
            try {
                build(recording.job(), env, args);
                env.execute(name + " over " + options.file.getFileName());
            } catch (Exception e) {
                Throwable cause = ExceptionUtils.stripExecutionException(e);
                while (cause.getCause() != null
                        && cause.getClass().getName().startsWith("org.apache.flink.runtime")) {
                    cause = cause.getCause();
                }
                out.println(command + ": the job failed: " + firstLine(cause));
                return 1;
            }
            double jobSeconds = (System.nanoTime() - jobStarted) / 1e9;

            RunReport report = new RunReport(options, out);
            Map<String, Long> rows;
            Map<String, Long> deadLetters;
            Map<String, String> scores;
            try (Connection db = connect(servers)) {
                rows = RunReport.rows(db, recording);
                deadLetters = BoardSql.deadLettersByReason(db, name, startedAt);
                scores = recording.score(db);
                if (options.out != null) {
                    report.export(db, recording.tables(), name, startedAt);
                }
            }
            long late = records(servers, topics.get("--late-topic"));
            report.summary(recording, replay, replaySeconds, jobSeconds, rows, deadLetters, late);
            scores.forEach(report::line);
            if (servers.keptDatabase()) {
                kept.rememberLatest(database);
                report.line("results kept", "database " + database + " in " + kept.dataDirectory());
                out.println(
                        "      query them: ./streamwall db"
                                + workDirOption()
                                + " -c 'SELECT ...'   or serve them for psql/Grafana: ./streamwall"
                                + " db"
                                + workDirOption());
                out.println(
                        "      score again: ./streamwall run "
                                + name
                                + " --file "
                                + options.file
                                + workDirOption()
                                + " --keep --score-only [--labels ...]");
            } else if (servers.embeddedDatabase()) {
                out.println(
                        options.out != null
                                ? "  results: CSV files in " + options.out.toAbsolutePath()
                                : "  results: deleted on exit; give --out DIR for CSV files, --keep"
                                        + " to keep them here (streamwall db), or --jdbc-url for"
                                        + " your own database");
            } else {
                out.println(
                        "  results: in "
                                + DatabaseCheck.redact(servers.jdbcUrl)
                                + " ("
                                + servers.describeDatabase()
                                + ")");
            }
            return 0;
        }
    }

    /** {@code --work-dir DIR} when it is not the default, for the commands the summary suggests. */
    private String workDirOption() {
        return options.workDir.equals(Path.of(".streamwall"))
                ? ""
                : " --work-dir " + options.workDir;
    }

    /** Sends each topic option's records to its topic of this run, and says so. */
    private void publishReferenceData(
            Map<String, List<CsvReplay.Row>> data, Map<String, String> topics, LocalServers servers)
            throws Exception {
        if (data.isEmpty()) {
            return;
        }
        Map<String, Object> settings = servers.adminProperties();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "streamwall-run-reference-data");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (var e : data.entrySet()) {
                String topic = topics.get(e.getKey());
                for (CsvReplay.Row row : e.getValue()) {
                    sent.add(
                            producer.send(
                                    new ProducerRecord<>(
                                            topic, null, row.ts(), row.key(), row.value())));
                }
                out.printf(
                        Locale.ROOT, "  published %,d records to %s%n", e.getValue().size(), topic);
            }
            producer.flush();
            for (var f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Every topic option of the job, each bound to a fresh topic of this run. */
    private static Map<String, String> topics(RecordingJob recording, String run) {
        Map<String, String> topics = new LinkedHashMap<>();
        CommandSpec spec = CommandSpec.forAnnotatedObject(recording.job().newOptions());
        for (OptionSpec option : spec.options()) {
            String longest = option.longestName();
            if (longest.endsWith("-topic")) {
                String what = longest.substring(2, longest.length() - "-topic".length());
                topics.put(longest, run + "." + what);
            }
        }
        if (!topics.containsKey(recording.inputOption())) {
            throw new IllegalStateException(
                    recording.job().name() + " has no option " + recording.inputOption());
        }
        return topics;
    }

    private static <O extends JobOptions> void build(
            StreamwallJob<O> job, StreamExecutionEnvironment env, List<String> args) {
        O o = JobMain.parse(job, args.toArray(String[]::new));
        JobMain.prepare(o);
        JobMain.build(job, env, o);
    }

    private Connection connect(LocalServers servers) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", servers.jdbcUser);
        p.setProperty("password", servers.jdbcPassword);
        return DriverManager.getConnection(servers.jdbcUrl, p);
    }

    /** The records in {@code topic} (written at least once, so no transaction markers). */
    private static long records(LocalServers servers, String topic) throws Exception {
        try (Admin admin = Admin.create(servers.adminProperties())) {
            var description =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            description
                    .partitions()
                    .forEach(
                            p ->
                                    latest.put(
                                            new TopicPartition(topic, p.partition()),
                                            OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset())
                    .sum();
        }
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
