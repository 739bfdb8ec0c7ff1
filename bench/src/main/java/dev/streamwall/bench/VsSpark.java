package dev.streamwall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.EmbeddedKafka;
import dev.streamwall.embedded.KafkaTestUtils;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.wire.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code bench --vs-spark}: pitwall's per-car lap analytics on Flink ({@link FlinkLaps}) and on
 * Spark Structured Streaming ({@code SparkLaps} in {@code bench/spark}), each in a JVM of its own
 * with the same heap and two cores' worth of parallelism, reading the same race from a Kafka broker
 * in this process and writing laps to Kafka. Two legs: throughput (the whole race already in the
 * topic, read to its end: events per second and per CPU-second of the engine's process) and latency
 * (the race published at a fixed rate while the engine runs: from the sending of the sample that
 * completes a lap to the lap's record being written to the laps topic, both stamped by this
 * machine's clock). Both engines run the same lap tracker on the same samples, so their laps are
 * compared record for record.
 */
final class VsSpark implements AutoCloseable {

    static final String LEG = "vs-spark";

    /** The engines' names, as --vs-spark-engines takes them. */
    static final List<String> ENGINES = List.of("flink", "spark", "pitwall");

    /**
     * In a latency run, laps closed within this much event time of the race's end are not timed: no
     * later sample moves event time past them.
     */
    private static final long TAIL_MS = 5_000;

    /** The longest a read of a laps topic may take. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final EmbeddedKafka kafka;
    private final List<EngineProcess> engines;

    /** The whole pitwall job, in the latency leg only: its laps and strategy calls. */
    private final EngineProcess fullJob;

    private final int parallelism;
    private final PrintWriter log;
    private int topics;

    private VsSpark(
            EmbeddedKafka kafka,
            List<EngineProcess> engines,
            EngineProcess fullJob,
            int parallelism,
            PrintWriter log) {
        this.fullJob = fullJob;
        this.kafka = kafka;
        this.engines = engines;
        this.parallelism = parallelism;
        this.log = log;
    }

    /**
     * Starts the broker; the Spark side runs from {@code sparkClasspath} (the file {@code
     * bench/spark} writes when it is packaged) and its module's classes.
     */
    static VsSpark start(Path sparkClasspath, int parallelism, PrintWriter log) throws IOException {
        Path moduleTarget = sparkClasspath.toAbsolutePath().getParent();
        String spark =
                moduleTarget.resolve("classes")
                        + java.io.File.pathSeparator
                        + Files.readString(sparkClasspath).trim();
        String flink = System.getProperty("java.class.path");
        List<EngineProcess> engines =
                List.of(
                        new EngineProcess("flink", FlinkLaps.class.getName(), flink),
                        new EngineProcess("spark", "dev.streamwall.bench.spark.SparkLaps", spark));
        EngineProcess fullJob =
                new EngineProcess("pitwall", FlinkLaps.FullJob.class.getName(), flink);
        for (EngineProcess engine : engines) {
            engine.clearLog();
        }
        fullJob.clearLog();
        return new VsSpark(EmbeddedKafka.start(), engines, fullJob, parallelism, log);
    }

    /** Where {@code bench/spark} writes its classpath, from the repository or from bench/. */
    static Path defaultSparkClasspath() {
        for (String dir : List.of("bench/spark/target", "spark/target", "../bench/spark/target")) {
            Path p = Path.of(dir, "spark-classpath.txt");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return Path.of("bench/spark/target/spark-classpath.txt");
    }

    /** The throughput leg: each engine reads the whole race from the topic, twice (warm-up). */
    List<Measurement> throughput(RaceConfig race, boolean quick) throws Exception {
        long events = RaceSimulator.countEvents(race);
        String telemetry = publish(race, "telemetry");
        int runs = quick ? 1 : 2;
        List<Measurement> out = new ArrayList<>();
        Map<String, List<String>> lapsByEngine = new LinkedHashMap<>();
        for (EngineProcess engine : engines) {
            String laps = topic("laps-" + engine.name());
            Map<String, Integer> lapTopics = new HashMap<>();
            EngineRun run =
                    new EngineRun(
                            true,
                            kafka.bootstrapServers(),
                            telemetry,
                            laps,
                            cars(race),
                            Watermarking.DEFAULT.outOfOrderness().toMillis(),
                            Watermarking.DEFAULT.interval().toMillis(),
                            Watermarking.DEFAULT.idleness().toMillis(),
                            parallelism,
                            runs,
                            "-");
            for (int i = 1; i <= runs; i++) {
                lapTopics.put(run.outTopic(i), parallelism);
            }
            kafka.createTopics(lapTopics);
            log.printf(Locale.ROOT, "  %s: reading %,d samples...%n", engine.name(), events);
            log.flush();
            long[] result = engine.runBounded(run);
            List<String> values =
                    KafkaTestUtils.consumeAll(kafka.bootstrapServers(), laps, READ_TIMEOUT).stream()
                            .map(ConsumedRecord::value)
                            .toList();
            lapsByEngine.put(engine.name(), values);
            Measurement m =
                    new Measurement(
                            "pitwall",
                            LEG,
                            engine.name() + " laps",
                            events,
                            result[0] / 1000.0,
                            result[1] / 1000.0,
                            0,
                            Map.of("laps", (long) values.size()),
                            Map.of("laps", EngineAgreement.digest(values)),
                            Map.of());
            out.add(m);
        }
        log.println("  " + EngineAgreement.sameLapsAcrossEngines(lapsByEngine));
        return out;
    }

    /**
     * The latency leg: for each engine, the race published at {@code rate} samples per second while
     * the engine runs; each lap timed from the sending of the first sample of the car's next lap
     * (the sample that closes it) to the lap's record in the laps topic (its create time).
     */
    List<Measurement> latency(
            RaceConfig race,
            int rate,
            RaceConfig warmup,
            Watermarking watermarking,
            List<String> engineNames)
            throws Exception {
        long events = RaceSimulator.countEvents(race);
        String warmupTopic = publish(warmup, "warmup");
        List<Measurement> out = new ArrayList<>();
        List<EngineProcess> paced = new ArrayList<>();
        for (EngineProcess engine : engines) {
            if (engineNames.contains(engine.name())) {
                paced.add(engine);
            }
        }
        if (engineNames.contains(fullJob.name())) {
            paced.add(fullJob);
        }
        for (EngineProcess engine : paced) {
            String telemetry = topic("paced-" + engine.name());
            String laps = topic("paced-laps-" + engine.name());
            String decisions = FlinkLaps.decisionsTopic(laps);
            kafka.createTopics(
                    Map.of(
                            telemetry,
                            parallelism,
                            laps,
                            parallelism,
                            decisions,
                            parallelism,
                            FlinkLaps.lateTopic(laps),
                            parallelism,
                            FlinkLaps.provisionalTopic(laps),
                            parallelism,
                            FlinkLaps.provisionalCallsTopic(laps),
                            parallelism,
                            FlinkLaps.alertsTopic(laps),
                            parallelism,
                            FlinkLaps.provisionalAlertsTopic(laps),
                            parallelism));
            EngineRun run =
                    new EngineRun(
                            false,
                            kafka.bootstrapServers(),
                            telemetry,
                            laps,
                            cars(race),
                            watermarking.outOfOrderness().toMillis(),
                            watermarking.interval().toMillis(),
                            watermarking.idleness().toMillis(),
                            parallelism,
                            2,
                            warmupTopic);
            try (EngineProcess.Running running = engine.startStreaming(run)) {
                log.printf(
                        Locale.ROOT,
                        "  %s: publishing %,d samples at %,d/s...%n",
                        engine.name(),
                        events,
                        rate);
                log.flush();
                ProcessClock clock = new ProcessClock();
                Paced sent = publishPaced(race, telemetry, rate);
                double wall = clock.wallSeconds();
                Map<String, Long> counts = new LinkedHashMap<>();
                Map<String, Double> percentiles = new LinkedHashMap<>();
                // A lap closes with the first sample of the car's next lap; a strategy call
                // names the lap the car is on, the next one.
                List<ConsumedRecord> finals =
                        time(engine, "laps", laps, lapStart(1), sent, counts, percentiles);
                if (engine == fullJob) {
                    List<ConsumedRecord> provisional =
                            time(
                                    engine,
                                    "provisional_laps",
                                    FlinkLaps.provisionalTopic(laps),
                                    lapStart(1),
                                    sent,
                                    counts,
                                    percentiles);
                    log.println(
                            "  "
                                    + engine.name()
                                    + ": "
                                    + EngineAgreement.provisionalAsFinal(finals, provisional));
                    timeBoth(
                            engine,
                            "decisions",
                            decisions,
                            "provisional_calls",
                            FlinkLaps.provisionalCallsTopic(laps),
                            lapStart(0),
                            EngineAgreement::provisionalCallsAsFinal,
                            sent,
                            counts,
                            percentiles);
                    timeBoth(
                            engine,
                            "alerts",
                            FlinkLaps.alertsTopic(laps),
                            "provisional_alerts",
                            FlinkLaps.provisionalAlertsTopic(laps),
                            VsSpark::matchCompleted,
                            EngineAgreement::provisionalAlertsAsFinal,
                            sent,
                            counts,
                            percentiles);
                    // What the watermarking cost: samples behind the watermark, not counted.
                    long late =
                            KafkaTestUtils.consumeAll(
                                            kafka.bootstrapServers(),
                                            FlinkLaps.lateTopic(laps),
                                            READ_TIMEOUT)
                                    .size();
                    counts.put("late", late);
                    log.printf(Locale.ROOT, "  %s: %,d samples late%n", engine.name(), late);
                }
                out.add(
                        new Measurement(
                                "pitwall",
                                LEG,
                                String.format(
                                        Locale.ROOT,
                                        "%s latency@%,d/s%s",
                                        engine.name(),
                                        rate,
                                        watermarking.equals(Watermarking.DEFAULT)
                                                ? ""
                                                : " wm " + watermarking.label()),
                                events,
                                wall,
                                0,
                                0,
                                counts,
                                Map.of(),
                                percentiles));
            }
        }
        return out;
    }

    /** How an output's provisional records compare with its final ones, in one line. */
    @FunctionalInterface
    interface Comparison {
        String of(List<ConsumedRecord> finals, List<ConsumedRecord> provisional) throws IOException;
    }

    /**
     * Times an output and its provisional twin from the same closing samples; logs how they
     * compare.
     */
    private void timeBoth(
            EngineProcess engine,
            String output,
            String topic,
            String provisionalOutput,
            String provisionalTopic,
            Function<JsonNode, String> closingKey,
            Comparison comparison,
            Paced sent,
            Map<String, Long> counts,
            Map<String, Double> percentiles)
            throws IOException {
        List<ConsumedRecord> finals =
                time(engine, output, topic, closingKey, sent, counts, percentiles);
        List<ConsumedRecord> provisional =
                time(
                        engine,
                        provisionalOutput,
                        provisionalTopic,
                        closingKey,
                        sent,
                        counts,
                        percentiles);
        log.println("  " + engine.name() + ": " + comparison.of(finals, provisional));
    }

    /**
     * A record's closing sample (see {@link #time}) for a record with {@code car} and {@code lap}
     * fields: the first sample of lap {@code lap + nextLap} of its car.
     */
    static Function<JsonNode, String> lapStart(int nextLap) {
        return r -> r.get("car").asInt() + ":" + (r.get("lap").asInt() + nextLap);
    }

    /**
     * An alert's closing sample when it opens one (any status but {@code CLOSED}: {@code OPEN}, or
     * a provisional match) of the rules with provisional alerts: the first sample of its car's
     * second after the match's end, which closes that last second. Null for other alerts.
     */
    static String matchCompleted(JsonNode r) {
        return !r.path("status").asText().equals("CLOSED")
                        && PROVISIONAL_RULES.contains(r.path("type").asText())
                ? r.get("car").asInt() + "@" + (Math.floorDiv(r.get("end_ts").asLong(), 1000L) + 1)
                : null;
    }

    /** The alert rules with provisional alerts (all but dropouts). */
    static final Set<String> PROVISIONAL_RULES =
            Set.of("BRAKE_OVERHEAT", "ENGINE_OVERHEAT", "SLOW_PUNCTURE", "STUCK_SENSOR");

    /**
     * Times each record of {@code topic} from the sending of the sample {@code closingKey} names (a
     * key of {@link Paced#firstSent}; null: not timed) to the record's create time.
     */
    private List<ConsumedRecord> time(
            EngineProcess engine,
            String output,
            String topic,
            Function<JsonNode, String> closingKey,
            Paced sent,
            Map<String, Long> counts,
            Map<String, Double> percentiles)
            throws IOException {
        List<ConsumedRecord> records =
                KafkaTestUtils.consumeUntilQuiet(
                        kafka.bootstrapServers(), topic, Duration.ofSeconds(10), READ_TIMEOUT);
        Map<Integer, Integer> histogram = new HashMap<>();
        TreeMap<Long, String> slowest = new TreeMap<>();
        for (ConsumedRecord r : records) {
            var record = Json.MAPPER.readTree(r.value());
            int car = record.get("car").asInt();
            int lap = record.path("lap").asInt();
            String key = closingKey.apply(record);
            long[] closing = key == null ? null : sent.firstSent().get(key);
            // A lap closed in the race's last seconds waits for event time that never comes (the
            // stream ends), in either engine: not timed.
            if (closing != null && closing[1] <= sent.lastTs() - TAIL_MS) {
                long ms = Math.max(0, r.timestamp() - closing[0]);
                histogram.merge((int) ms, 1, Integer::sum);
                slowest.put(ms * 1000 + slowest.size(), "car " + car + " lap " + lap);
            }
        }
        log.printf(
                Locale.ROOT,
                "  %s: %,d %s, %,d timed; slowest %s%n",
                engine.name(),
                records.size(),
                output,
                histogram.values().stream().mapToInt(Integer::intValue).sum(),
                slowest.descendingMap().entrySet().stream()
                        .limit(5)
                        .map(e -> e.getValue() + " " + e.getKey() / 1000 + " ms")
                        .collect(Collectors.joining(", ")));
        log.flush();
        counts.put(output, (long) records.size());
        if (!histogram.isEmpty()) {
            percentiles.putAll(Tally.percentiles(output, histogram));
        } else if (output.equals("laps")) {
            throw new IllegalStateException(engine.name() + " wrote no laps in the latency run");
        }
        return records;
    }

    /** Publishes the race as fast as it goes, as the generator does; the topic's name. */
    private String publish(RaceConfig race, String name) throws Exception {
        String telemetry = topic(name);
        String labels = topic(name + "-labels");
        kafka.createTopics(Map.of(telemetry, parallelism, labels, 1));
        new F1RacePublisher(
                        race,
                        new F1RacePublisher.Options(
                                kafka.bootstrapServers(), telemetry, labels, 0, 0, 0, "lz4"))
                .run();
        return telemetry;
    }

    /**
     * What a paced run sent: per car and lap ({@code "car:lap"}) and per car and second of event
     * time ({@code "car@second"}), when its first sample was sent (wall-clock ms) and its event
     * time; and the event time of the race's last sample.
     */
    record Paced(Map<String, long[]> firstSent, long lastTs) {}

    /** Publishes the race at {@code rate} samples/s. */
    private Paced publishPaced(RaceConfig race, String topic, int rate) throws Exception {
        Properties props =
                F1RacePublisher.producerProperties(
                        F1RacePublisher.Options.defaults(kafka.bootstrapServers()));
        Map<String, long[]> firstSent = new HashMap<>();
        long lastTs = 0;
        RaceSimulator sim = new RaceSimulator(race);
        long start = System.nanoTime();
        long n = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            while (sim.hasNext()) {
                Telemetry t = sim.next();
                long due = start + n * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (!firstSent.containsKey(t.car + ":" + t.lap)) {
                    firstSent.put(
                            t.car + ":" + t.lap, new long[] {System.currentTimeMillis(), t.ts});
                }
                String second = t.car + "@" + Math.floorDiv(t.ts, 1000L);
                if (!firstSent.containsKey(second)) {
                    firstSent.put(second, new long[] {System.currentTimeMillis(), t.ts});
                }
                lastTs = Math.max(lastTs, t.ts);
                producer.send(
                        new ProducerRecord<>(topic, Integer.toString(t.car), Json.toBytes(t)));
                n++;
            }
            producer.flush();
        }
        return new Paced(firstSent, lastTs);
    }

    private static String cars(RaceConfig race) {
        return race.grid().carNumbers().stream()
                .sorted()
                .map(String::valueOf)
                .collect(Collectors.joining(","));
    }

    private String topic(String name) {
        return "vs-spark-" + (++topics) + "-" + name;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
