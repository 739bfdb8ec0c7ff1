package dev.streamwall.generators;

import dev.streamwall.common.json.Json;
import dev.streamwall.generators.f1.FaultLabel;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.f1.TransportFaultInjector;
import dev.streamwall.generators.f1.WireFault;
import dev.streamwall.generators.f1.WireRecord;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays a simulated race into Kafka: JSON telemetry keyed by car number, fault labels as they end,
 * paced so simulated time runs {@code speed} times faster than the wall clock.
 *
 * <p>Records carry no explicit timestamp, so Kafka stamps them with the send time (CreateTime); the
 * jobs measure end-to-end latency from it, while event time travels in the JSON {@code ts}. Run it
 * with {@link #run()} on the caller's thread or {@link #start()} on its own; counters can be read
 * from any thread while it runs.
 */
public final class F1RacePublisher implements Runnable {

    public static final String DEFAULT_TOPIC = "f1.telemetry";
    public static final String DEFAULT_LABELS_TOPIC = "f1.labels";

    /**
     * How to publish.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param topic telemetry topic
     * @param labelsTopic fault-label topic
     * @param speed simulated seconds per wall-clock second; 0 sends as fast as possible
     * @param maxRate at most this many telemetry samples per second; 0 for no cap
     * @param maxEvents stop after this many telemetry samples; 0 for the whole race
     * @param compression producer compression, {@code lz4} or {@code none}
     */
    public record Options(
            String bootstrapServers,
            String topic,
            String labelsTopic,
            double speed,
            double maxRate,
            long maxEvents,
            String compression) {

        public Options {
            Objects.requireNonNull(bootstrapServers, "bootstrap servers");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(labelsTopic, "labels topic");
            if (!(speed >= 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException(
                        "speed must be 0 (as fast as possible) or positive, got " + speed);
            }
            if (!(maxRate >= 0) || Double.isInfinite(maxRate)) {
                throw new IllegalArgumentException(
                        "rate must be 0 (no cap) or positive, got " + maxRate);
            }
            if (maxEvents < 0) {
                throw new IllegalArgumentException(
                        "max events must be 0 (all) or positive, got " + maxEvents);
            }
            if (!compression.equals("lz4") && !compression.equals("none")) {
                throw new IllegalArgumentException(
                        "compression must be lz4 or none, got " + compression);
            }
        }

        /** Real-time pace to the default topics, lz4. */
        public static Options defaults(String bootstrapServers) {
            return new Options(
                    bootstrapServers, DEFAULT_TOPIC, DEFAULT_LABELS_TOPIC, 1.0, 0, 0, "lz4");
        }

        public Options withTopics(String topic, String labelsTopic) {
            return new Options(
                    bootstrapServers, topic, labelsTopic, speed, maxRate, maxEvents, compression);
        }

        public Options withSpeed(double speed) {
            return new Options(
                    bootstrapServers, topic, labelsTopic, speed, maxRate, maxEvents, compression);
        }

        public Options withMaxRate(double maxRate) {
            return new Options(
                    bootstrapServers, topic, labelsTopic, speed, maxRate, maxEvents, compression);
        }

        public Options withMaxEvents(long maxEvents) {
            return new Options(
                    bootstrapServers, topic, labelsTopic, speed, maxRate, maxEvents, compression);
        }

        public Options withCompression(String compression) {
            return new Options(
                    bootstrapServers, topic, labelsTopic, speed, maxRate, maxEvents, compression);
        }
    }

    private final RaceConfig race;
    private final Options options;
    private final Producer<String, byte[]> givenProducer;

    private final AtomicLongArray sentByFault = new AtomicLongArray(WireFault.values().length);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile boolean finished;
    private volatile Thread thread;
    private volatile long events;
    private volatile long records;
    private volatile long labels;
    private volatile long currentTs;
    private volatile int leaderLap = 1;
    private volatile String trackStatus = "GREEN";
    private volatile long startedNanos;
    private volatile long endedNanos;

    /** Publishes with a Kafka producer of its own, created when the run starts. */
    public F1RacePublisher(RaceConfig race, Options options) {
        this(race, options, null);
    }

    /** Publishes to the given topics at {@code speed} times real time (0: as fast as possible). */
    public F1RacePublisher(
            String bootstrapServers,
            String topic,
            String labelsTopic,
            RaceConfig race,
            double speed) {
        this(
                race,
                Options.defaults(bootstrapServers).withTopics(topic, labelsTopic).withSpeed(speed),
                null);
    }

    /** Publishes through the given producer, which the caller owns (flushed, not closed). */
    public F1RacePublisher(RaceConfig race, Options options, Producer<String, byte[]> producer) {
        this.race = Objects.requireNonNull(race);
        this.options = Objects.requireNonNull(options);
        this.givenProducer = producer;
        this.currentTs = race.startTime();
    }

    /** The producer settings: acks=all, idempotent, short linger, no native compression codecs. */
    public static Properties producerProperties(Options options) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "streamwall-f1-generator");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.compression());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Runs the race on a new daemon thread and returns at once. */
    public synchronized F1RacePublisher start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        Thread t = new Thread(this, "f1-race-publisher-" + race.raceId());
        t.setDaemon(true);
        // The failure is kept for failure(); the default handler would only print it again.
        t.setUncaughtExceptionHandler((th, e) -> {});
        thread = t;
        t.start();
        return this;
    }

    /** Asks the run to stop after the current sample; held-back records are still flushed. */
    public void stop() {
        stopRequested = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Waits for a run started with {@link #start()} to end; true if it ended in time. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return !running;
        }
        t.join(Math.max(1, timeout.toMillis()));
        return !t.isAlive();
    }

    @Override
    public void run() {
        running = true;
        startedNanos = System.nanoTime();
        Producer<String, byte[]> producer =
                givenProducer != null
                        ? givenProducer
                        : new KafkaProducer<>(producerProperties(options));
        try {
            publish(producer);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            throw e;
        } finally {
            try {
                if (givenProducer == null) {
                    producer.close(Duration.ofSeconds(30));
                }
            } finally {
                endedNanos = System.nanoTime();
                running = false;
                finished = true;
            }
        }
    }

    private void publish(Producer<String, byte[]> producer) {
        RaceSimulator sim = new RaceSimulator(race);
        TransportFaultInjector injector =
                new TransportFaultInjector(race.transportFaults(), race.seed());
        Callback callback =
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                };
        String topic = options.topic();
        Consumer<WireRecord> send =
                r -> {
                    producer.send(new ProducerRecord<>(topic, r.key(), r.value()), callback);
                    sentByFault.incrementAndGet(r.fault().ordinal());
                    records++;
                };
        long wallStart = System.nanoTime();
        long simStart = race.startTime();
        long max = options.maxEvents();
        long n = 0;
        while (!stopRequested && failure.get() == null && sim.hasNext() && (max == 0 || n < max)) {
            Telemetry t = sim.next();
            pace(wallStart, t.ts - simStart, n);
            if (stopRequested) {
                break;
            }
            injector.accept(t, send);
            n++;
            events = n;
            currentTs = t.ts;
            leaderLap = sim.leaderLap();
            trackStatus = t.trackStatus;
            for (FaultLabel label : sim.pollLabels()) {
                sendLabel(producer, label, callback);
            }
        }
        injector.flush(send);
        for (FaultLabel label : sim.pollLabels()) {
            sendLabel(producer, label, callback);
        }
        producer.flush();
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException(
                    "sending to Kafka failed: " + error.getMessage(), error);
        }
    }

    private void sendLabel(Producer<String, byte[]> producer, FaultLabel label, Callback callback) {
        producer.send(
                new ProducerRecord<>(
                        options.labelsTopic(), Integer.toString(label.car), Json.toBytes(label)),
                callback);
        labels++;
    }

    private void pace(long wallStart, long simElapsedMs, long sent) {
        long target = Long.MIN_VALUE;
        if (options.speed() > 0) {
            target = wallStart + (long) (simElapsedMs * 1_000_000.0 / options.speed());
        }
        if (options.maxRate() > 0) {
            target =
                    Math.max(
                            target,
                            wallStart + (long) (sent * 1_000_000_000.0 / options.maxRate()));
        }
        if (target == Long.MIN_VALUE) {
            return;
        }
        long wait;
        while (!stopRequested && (wait = target - System.nanoTime()) > 100_000) {
            LockSupport.parkNanos(this, wait);
        }
    }

    /** Telemetry samples sent (each once, whatever its transport fault). */
    public long eventsSent() {
        return events;
    }

    /** Records sent to the telemetry topic: samples, duplicates and malformed extras. */
    public long recordsSent() {
        return records;
    }

    public long labelsSent() {
        return labels;
    }

    public long malformedSent() {
        long n = 0;
        for (WireFault f : WireFault.MALFORMED) {
            n += sentByFault.get(f.ordinal());
        }
        return n;
    }

    /** Records sent so far per transport fault ({@link WireFault#NONE} for clean ones). */
    public Map<WireFault, Long> sentByFault() {
        Map<WireFault, Long> out = new EnumMap<>(WireFault.class);
        for (WireFault f : WireFault.values()) {
            out.put(f, sentByFault.get(f.ordinal()));
        }
        return out;
    }

    /** Event time of the latest sample sent, epoch ms. */
    public long currentTs() {
        return currentTs;
    }

    /** Simulated time since lights out of the latest sample sent, ms. */
    public long simTimeMs() {
        return currentTs - race.startTime();
    }

    public int leaderLap() {
        return leaderLap;
    }

    public String trackStatus() {
        return trackStatus;
    }

    public boolean isRunning() {
        return running;
    }

    /** True once a run has ended, normally, stopped or failed. */
    public boolean isFinished() {
        return finished;
    }

    /** The first send or simulation error, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** Wall-clock time the run took (or has taken so far), ms. */
    public long elapsedMs() {
        long start = startedNanos;
        if (start == 0) {
            return 0;
        }
        long end = finished ? endedNanos : System.nanoTime();
        return (end - start) / 1_000_000;
    }

    public RaceConfig race() {
        return race;
    }

    public Options options() {
        return options;
    }
}
