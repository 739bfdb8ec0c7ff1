package dev.streamwall.bench;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.embedded.EmbeddedKafka;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.PitwallOptions;
import dev.streamwall.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * The Kafka leg and the end-to-end leg of pitwall, on a broker in this process and the sink leg's
 * PostgreSQL: (c) the race generator publishing the race against Kafka's own producer perf tool
 * sending records of the same content and size with the same producer settings; (e) the pitwall
 * job, built as {@code flink run} builds it, reading the published race from Kafka to its end and
 * writing every output, every telemetry sample included, to PostgreSQL and Kafka.
 */
final class EndToEnd implements AutoCloseable {

    /** The generator's producer settings (WirePublisher): idempotent, acks=all, lz4. */
    private static final List<String> PRODUCER_PROPS =
            List.of(
                    "acks=all",
                    "enable.idempotence=true",
                    "linger.ms=10",
                    "batch.size=131072",
                    "compression.type=lz4");

    private static final Pattern PERF_RESULT =
            Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    /** The job's tables whose rows an end-to-end run counts. */
    private static final List<String> TABLES =
            List.of("telemetry", "laps", "stint_outlook", "strategy_decisions", "alerts");

    private static final int REPEATS = 3;

    /** In the end-to-end measurement's counts: the slowest and fastest of its runs. */
    static final String SLOWEST_EVENTS_PER_S = "slowest_run_events_per_s";

    static final String FASTEST_EVENTS_PER_S = "fastest_run_events_per_s";

    /** In an end-to-end run's counts: CPU ms of every process on the machine over the run. */
    static final String MACHINE_CPU_MS = "machine_cpu_ms";

    private final EmbeddedKafka kafka;

    private EndToEnd(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    static EndToEnd start() {
        return new EndToEnd(EmbeddedKafka.start());
    }

    String where() {
        return "a Kafka broker in this process (" + kafka.bootstrapServers() + ")";
    }

    /**
     * The Kafka leg, then the job end to end over what the generator published; before it, the same
     * over a one-lap race, not recorded: the job's first run in this process pays for loading and
     * compiling its classes (Kafka's consumer, the decoding, the writers), as the graph runs'
     * warm-up does for theirs).
     */
    List<Measurement> pitwall(
            RaceConfig race, SinkLeg db, int parallelism, String run, boolean quick)
            throws Exception {
        if (!quick) {
            RaceConfig warmUp = race.toBuilder().laps(1).build();
            String warmUpPrefix = "bench-" + run + "-warm-up-";
            Map<String, String> warmUpTopics = topics(warmUpPrefix, parallelism);
            publish(warmUp, warmUpPrefix);
            emptyTables(db);
            runJob(warmUp, warmUpTopics, db, parallelism, "");
        }

        long events = RaceSimulator.countEvents(race);
        String prefix = "bench-" + run + "-";
        Map<String, String> topics = topics(prefix, parallelism);
        kafka.createTopics(Map.of(prefix + "perf", parallelism));
        List<Measurement> out = new ArrayList<>();
        ProcessClock published = new ProcessClock();
        publish(race, prefix);
        out.add(
                new Measurement(
                        "pitwall",
                        "kafka",
                        "generator",
                        events,
                        published.wallSeconds(),
                        published.cpuSeconds(),
                        0,
                        Map.of(),
                        Map.of(),
                        Map.of()));
        out.add(producerPerf(race, events, prefix + "perf"));

        // One run moves by 10-20 % with what else the machine does: three over the same topics,
        // the median recorded, the range printed.
        List<Measurement> runs = new ArrayList<>();
        for (int i = 1; i <= (quick ? 1 : REPEATS); i++) {
            runs.add(measuredRun(race, topics, db, parallelism, events, i));
        }
        List<Measurement> sorted =
                runs.stream()
                        .sorted(Comparator.comparingDouble(Measurement::eventsPerSecond))
                        .toList();
        Measurement median = sorted.get(sorted.size() / 2);
        Map<String, Long> counts = new LinkedHashMap<>(median.counts());
        counts.put(SLOWEST_EVENTS_PER_S, Math.round(sorted.get(0).eventsPerSecond()));
        counts.put(
                FASTEST_EVENTS_PER_S, Math.round(sorted.get(sorted.size() - 1).eventsPerSecond()));
        out.add(
                new Measurement(
                        "pitwall",
                        "e2e",
                        "heap",
                        events,
                        median.wallSeconds(),
                        median.cpuSeconds(),
                        0,
                        counts,
                        Map.of(),
                        Map.of()));
        return out;
    }

    /** One timed run of the job over the published race: every sample must be stored. */
    private Measurement measuredRun(
            RaceConfig race,
            Map<String, String> topics,
            SinkLeg db,
            int parallelism,
            long events,
            int run)
            throws Exception {
        emptyTables(db);
        ProcessClock clock = new ProcessClock();
        runJob(race, topics, db, parallelism, "-" + run);
        double wall = clock.wallSeconds();
        double cpu = clock.cpuSeconds();
        double machine = clock.machineCpuSeconds();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, db.count(table));
        }
        if (rows.get("telemetry") != events) {
            throw new IllegalStateException(
                    "end to end: "
                            + events
                            + " samples published, "
                            + rows.get("telemetry")
                            + " telemetry rows stored");
        }
        // CPU of the whole machine: the database works in processes of its own.
        rows.put(MACHINE_CPU_MS, Math.round(machine * 1000));
        return new Measurement(
                "pitwall", "e2e", "heap", events, wall, cpu, 0, rows, Map.of(), Map.of());
    }

    /** Empties the tables the job writes, outside the timed run. */
    private static void emptyTables(SinkLeg db) throws SQLException {
        List<String> tables = new ArrayList<>(TABLES);
        tables.add("dead_letters");
        db.truncate(tables.toArray(String[]::new));
    }

    /** The job's topics under {@code prefix}, created, by the option that names each. */
    private Map<String, String> topics(String prefix, int parallelism) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String option :
                List.of(
                        "--telemetry-topic",
                        "--laps-input-topic",
                        "--laps-topic",
                        "--decisions-topic",
                        "--alerts-topic",
                        "--dead-letter-topic",
                        "--late-topic")) {
            topics.put(option, prefix + option.substring(2).replace("-topic", ""));
        }
        Map<String, Integer> partitions = new LinkedHashMap<>();
        topics.values().forEach(t -> partitions.put(t, parallelism));
        partitions.put(prefix + "labels", 1);
        kafka.createTopics(partitions);
        return topics;
    }

    /** The race onto the topics {@link #topics} made under {@code prefix}. */
    private void publish(RaceConfig race, String prefix) {
        new F1RacePublisher(
                        race,
                        new F1RacePublisher.Options(
                                kafka.bootstrapServers(),
                                prefix + "telemetry",
                                prefix + "labels",
                                0,
                                0,
                                0,
                                "lz4"))
                .run();
    }

    /** The pitwall job, built as {@code flink run} builds it, over {@code topics} to their end. */
    private void runJob(
            RaceConfig race,
            Map<String, String> topics,
            SinkLeg db,
            int parallelism,
            String groupSuffix)
            throws Exception {
        List<String> args = new ArrayList<>();
        topics.forEach(
                (option, topic) -> {
                    args.add(option);
                    args.add(topic);
                });
        args.addAll(
                List.of(
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--group-id",
                        topics.get("--telemetry-topic") + "-job" + groupSuffix,
                        "--start-from",
                        "EARLIEST",
                        "--bounded",
                        "--kafka-delivery",
                        "AT_LEAST_ONCE",
                        "--jdbc-url",
                        db.url(),
                        "--jdbc-user",
                        db.user(),
                        "--parallelism",
                        Integer.toString(parallelism),
                        "--cars",
                        race.grid().carNumbers().stream()
                                .sorted()
                                .map(String::valueOf)
                                .reduce((a, b) -> a + "," + b)
                                .orElseThrow()));
        PitwallJob job = new PitwallJob();
        PitwallOptions options = JobMain.parse(job, args.toArray(String[]::new));
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        JobMain.prepare(options);
        JobMain.build(job, env, options);
        env.execute("bench pitwall end to end");
    }

    /**
     * Kafka's own producer perf tool, in this process, sending {@code events} records drawn from
     * the race's own JSON records (the first 2,000), with the generator's producer settings.
     */
    private Measurement producerPerf(RaceConfig race, long events, String topic)
            throws IOException {
        Path payloads = Files.createTempFile("bench-payloads", ".jsonl");
        try {
            RaceSimulator sim = new RaceSimulator(race);
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 2_000 && sim.hasNext(); i++) {
                Telemetry t = sim.next();
                lines.append(Json.toString(t)).append('\n');
            }
            Files.writeString(payloads, lines);
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "--topic",
                                    topic,
                                    "--num-records",
                                    Long.toString(events),
                                    "--throughput",
                                    "-1",
                                    "--payload-file",
                                    payloads.toString(),
                                    "--producer-props",
                                    "bootstrap.servers=" + kafka.bootstrapServers()));
            args.addAll(PRODUCER_PROPS);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            ProcessClock clock = new ProcessClock();
            try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                System.setOut(capture);
                ProducerPerformance.main(args.toArray(String[]::new));
            } catch (Exception e) {
                throw new IllegalStateException("producer perf failed: " + e, e);
            } finally {
                System.setOut(stdout);
            }
            double wall = clock.wallSeconds();
            double cpu = clock.cpuSeconds();
            Matcher m = PERF_RESULT.matcher(printed.toString(StandardCharsets.UTF_8));
            String last = null;
            while (m.find()) {
                last = m.group(0);
            }
            if (last == null) {
                throw new IllegalStateException(
                        "producer perf printed no result: "
                                + printed.toString(StandardCharsets.UTF_8));
            }
            return new Measurement(
                    "pitwall",
                    "kafka",
                    "producer-perf",
                    events,
                    wall,
                    cpu,
                    (double) lines.length() / 2_000,
                    Map.of(),
                    Map.of(),
                    Map.of());
        } finally {
            Files.deleteIfExists(payloads);
        }
    }

    @Override
    public void close() {
        kafka.close();
    }
}
