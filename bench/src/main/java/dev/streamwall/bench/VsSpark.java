package dev.streamwall.bench;

import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.embedded.EmbeddedKafka;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.wire.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

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

    /** The engines' JVMs: the same heap, and the same module openings Spark needs on Java 17. */
    private static final List<String> JVM_OPTIONS =
            List.of(
                    "-Xmx3g",
                    "-XX:+UseG1GC",
                    "-XX:+IgnoreUnrecognizedVMOptions",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.math=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                    "-Djdk.reflect.useDirectMethodHandle=false",
                    "-Dio.netty.tryReflectionSetAccessible=true");

    /**
     * How the engines make watermarks: how far behind the newest event time, and how often (Flink;
     * Spark moves its watermark once per micro-batch).
     */
    record Watermarking(Duration outOfOrderness, Duration interval) {
        /** The jobs' defaults: 2 s of out-of-orderness, a watermark every 200 ms. */
        static final Watermarking DEFAULT =
                new Watermarking(Duration.ofSeconds(2), Duration.ofMillis(200));

        /** {@code OUT_OF_ORDERNESS/INTERVAL}, e.g. {@code 250ms/25ms}. */
        static Watermarking parse(String text) {
            String[] parts = text.split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "a watermarking is OUT_OF_ORDERNESS/INTERVAL, e.g. 250ms/25ms; got "
                                + text);
            }
            return new Watermarking(
                    DurationConverter.parse(parts[0].trim()),
                    DurationConverter.parse(parts[1].trim()));
        }

        String label() {
            return outOfOrderness.toMillis() + "ms/" + interval.toMillis() + "ms";
        }
    }

    /**
     * In a latency run, laps closed within this much event time of the race's end are not timed: no
     * later sample moves event time past them.
     */
    private static final long TAIL_MS = 5_000;

    /** An engine: its name, main class and classpath. */
    record Engine(String name, String mainClass, String classpath) {}

    private final EmbeddedKafka kafka;
    private final List<Engine> engines;
    private final int parallelism;
    private final PrintWriter log;
    private int topics;

    private VsSpark(EmbeddedKafka kafka, List<Engine> engines, int parallelism, PrintWriter log) {
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
        for (String engine : List.of("flink", "spark")) {
            Files.deleteIfExists(logFile(new Engine(engine, "", "")));
        }
        return new VsSpark(
                EmbeddedKafka.start(),
                List.of(
                        new Engine("flink", FlinkLaps.class.getName(), flink),
                        new Engine("spark", "dev.streamwall.bench.spark.SparkLaps", spark)),
                parallelism,
                log);
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
        for (Engine engine : engines) {
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
                            parallelism,
                            runs,
                            "-");
            for (int i = 1; i <= runs; i++) {
                lapTopics.put(run.outTopic(i), parallelism);
            }
            kafka.createTopics(lapTopics);
            log.printf(Locale.ROOT, "  %s: reading %,d samples...%n", engine.name(), events);
            log.flush();
            long[] result = boundedRun(engine, run);
            List<ConsumerRecord<String, byte[]>> records = readAll(laps);
            List<String> values =
                    records.stream()
                            .map(r -> new String(r.value(), StandardCharsets.UTF_8))
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
                            Map.of("laps", digest(values)),
                            Map.of());
            out.add(m);
        }
        log.println("  " + sameLaps(lapsByEngine));
        return out;
    }

    /**
     * The latency leg: for each engine, the race published at {@code rate} samples per second while
     * the engine runs; each lap timed from the sending of the first sample of the car's next lap
     * (the sample that closes it) to the lap's record in the laps topic (its create time).
     */
    List<Measurement> latency(
            RaceConfig race, int rate, RaceConfig warmup, Watermarking watermarking)
            throws Exception {
        long events = RaceSimulator.countEvents(race);
        String warmupTopic = publish(warmup, "warmup");
        List<Measurement> out = new ArrayList<>();
        for (Engine engine : engines) {
            String telemetry = topic("paced-" + engine.name());
            String laps = topic("paced-laps-" + engine.name());
            kafka.createTopics(Map.of(telemetry, parallelism, laps, parallelism));
            EngineRun run =
                    new EngineRun(
                            false,
                            kafka.bootstrapServers(),
                            telemetry,
                            laps,
                            cars(race),
                            watermarking.outOfOrderness().toMillis(),
                            watermarking.interval().toMillis(),
                            parallelism,
                            2,
                            warmupTopic);
            Process process = launch(engine, run);
            try {
                CompletableFuture<Void> ready = new CompletableFuture<>();
                Thread reader = readLines(engine, process, ready, new ArrayList<>());
                try {
                    ready.get(3, TimeUnit.MINUTES);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException(
                            engine.name() + " did not start reading in 3 minutes");
                }
                log.printf(
                        Locale.ROOT,
                        "  %s: publishing %,d samples at %,d/s...%n",
                        engine.name(),
                        events,
                        rate);
                log.flush();
                ProcessClock clock = new ProcessClock();
                Paced paced = publishPaced(race, telemetry, rate);
                double wall = clock.wallSeconds();
                Map<Integer, Integer> histogram = new HashMap<>();
                TreeMap<Long, String> slowest = new TreeMap<>();
                List<ConsumerRecord<String, byte[]>> records =
                        readUntilQuiet(laps, Duration.ofSeconds(10));
                for (ConsumerRecord<String, byte[]> r : records) {
                    var lap = Json.MAPPER.readTree(r.value());
                    long[] closing =
                            paced.firstSent()
                                    .get(
                                            lap.get("car").asInt()
                                                    + ":"
                                                    + (lap.get("lap").asInt() + 1));
                    // A lap closed in the race's last seconds waits for event time that never
                    // comes (the stream ends), in either engine: not timed.
                    if (closing != null && closing[1] <= paced.lastTs() - TAIL_MS) {
                        long ms = Math.max(0, r.timestamp() - closing[0]);
                        histogram.merge((int) ms, 1, Integer::sum);
                        slowest.put(
                                ms * 1000 + slowest.size(),
                                "car " + lap.get("car").asInt() + " lap " + lap.get("lap").asInt());
                    }
                }
                log.printf(
                        Locale.ROOT,
                        "  %s: slowest laps %s%n",
                        engine.name(),
                        slowest.descendingMap().entrySet().stream()
                                .limit(5)
                                .map(e -> e.getValue() + " " + e.getKey() / 1000 + " ms")
                                .collect(Collectors.joining(", ")));
                if (histogram.isEmpty()) {
                    throw new IllegalStateException(
                            engine.name() + " wrote no laps in the latency run");
                }
                reader.interrupt();
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
                                Map.of("laps", (long) records.size()),
                                Map.of(),
                                Tally.percentiles("laps", histogram)));
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
        return out;
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
     * What a paced run sent: per car and lap ({@code "car:lap"}), when its first sample was sent
     * (wall-clock ms) and its event time; and the event time of the race's last sample.
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
                lastTs = Math.max(lastTs, t.ts);
                producer.send(
                        new ProducerRecord<>(topic, Integer.toString(t.car), Json.toBytes(t)));
                n++;
            }
            producer.flush();
        }
        return new Paced(firstSent, lastTs);
    }

    /** Runs a bounded engine run to its end; the wall and CPU ms of its last (measured) run. */
    private long[] boundedRun(Engine engine, EngineRun run) throws Exception {
        Process process = launch(engine, run);
        List<String> lines = new ArrayList<>();
        Thread reader = readLines(engine, process, new CompletableFuture<>(), lines);
        boolean done = process.waitFor(30, TimeUnit.MINUTES);
        reader.join(10_000);
        if (!done || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    engine.name()
                            + " failed ("
                            + (done ? "exit " + process.exitValue() : "no end in 30 min")
                            + "); its log: "
                            + logFile(engine));
        }
        String last = null;
        synchronized (lines) {
            for (String line : lines) {
                if (line.startsWith(EngineRun.RESULT + " ")) {
                    last = line;
                }
            }
        }
        if (last == null) {
            throw new IllegalStateException(
                    engine.name() + " printed no result; its log: " + logFile(engine));
        }
        String[] f = last.split(" ");
        return new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])};
    }

    private Process launch(Engine engine, EngineRun run) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        // Extra options for the engines' JVMs, {engine} standing for the engine's name, e.g. a
        // profiler: -XX:StartFlightRecording=filename=/tmp/{engine}.jfr
        String extra = System.getenv("STREAMWALL_BENCH_ENGINE_OPTS");
        if (extra != null && !extra.isBlank()) {
            for (String option : extra.trim().split("\\s+")) {
                command.add(option.replace("{engine}", engine.name()));
            }
        }
        command.add("-cp");
        command.add(engine.classpath());
        command.add(engine.mainClass());
        command.addAll(List.of(run.toArgs()));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile(engine).toFile()))
                .start();
    }

    /** Each engine's standard error (its log), kept for a failed run. */
    static Path logFile(Engine engine) {
        return Path.of(
                System.getProperty("java.io.tmpdir"), "streamwall-bench-" + engine.name() + ".log");
    }

    /** Reads the process's standard output: completes {@code ready} at READY, keeps every line. */
    private static Thread readLines(
            Engine engine, Process process, CompletableFuture<Void> ready, List<String> lines) {
        Thread t =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    synchronized (lines) {
                                        lines.add(line);
                                    }
                                    if (line.equals(EngineRun.READY)) {
                                        ready.complete(null);
                                    }
                                }
                            } catch (IOException e) {
                                // The process ended.
                            }
                            ready.completeExceptionally(
                                    new IllegalStateException(
                                            engine.name() + " ended before it was ready"));
                        },
                        "bench-" + engine.name() + "-stdout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** Every record of the topic, once none has come for {@code quiet}. */
    private List<ConsumerRecord<String, byte[]>> readUntilQuiet(String topic, Duration quiet) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long last = System.nanoTime();
            while (System.nanoTime() - last < quiet.toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    batch.forEach(out::add);
                    last = System.nanoTime();
                }
            }
            return out;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p);
    }

    /** Whether the engines wrote the same laps, and which differ. */
    static String sameLaps(Map<String, List<String>> lapsByEngine) {
        List<String> names = new ArrayList<>(lapsByEngine.keySet());
        Set<String> first = new HashSet<>(lapsByEngine.get(names.get(0)));
        StringBuilder s = new StringBuilder("laps:");
        for (String name : names) {
            s.append(String.format(Locale.ROOT, " %s %,d", name, lapsByEngine.get(name).size()));
        }
        for (String name : names.subList(1, names.size())) {
            Set<String> other = new HashSet<>(lapsByEngine.get(name));
            if (other.equals(first) && other.size() == lapsByEngine.get(name).size()) {
                s.append("; the same, record for record");
            } else {
                Set<String> onlyFirst = new HashSet<>(first);
                onlyFirst.removeAll(other);
                Set<String> onlyOther = new HashSet<>(other);
                onlyOther.removeAll(first);
                s.append(
                        String.format(
                                Locale.ROOT,
                                "; %d only from %s (%s), %d only from %s",
                                onlyFirst.size(),
                                names.get(0),
                                onlyFirst.stream()
                                        .map(VsSpark::carLap)
                                        .sorted()
                                        .limit(5)
                                        .collect(Collectors.joining(", ")),
                                onlyOther.size(),
                                name));
            }
        }
        return s.toString();
    }

    private static String carLap(String lapJson) {
        try {
            var lap = Json.MAPPER.readTree(lapJson);
            return "car " + lap.get("car").asInt() + " lap " + lap.get("lap").asInt();
        } catch (IOException e) {
            return "?";
        }
    }

    /** An order-independent digest of records. */
    static String digest(List<String> records) {
        long sum = 0;
        for (String r : records) {
            long h = 1125899906842597L;
            for (int i = 0; i < r.length(); i++) {
                h = 31 * h + r.charAt(i);
            }
            sum += h * 0x9E3779B97F4A7C15L;
        }
        return Long.toHexString(sum);
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
