package dev.streamwall.generators.wire;

import dev.streamwall.wire.Json;
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
 * Plays a {@link Simulation} into Kafka: its records as JSON through a {@link
 * TransportFaultInjector}, its side records to their own topics, paced so that simulated time runs
 * {@code speed} times faster than the wall clock.
 *
 * <p>Records carry no explicit timestamp, so Kafka stamps them with the send time (CreateTime); the
 * jobs measure end-to-end latency from it, while event time travels in the JSON. Run it with {@link
 * #run()} on the caller's thread or {@link #start()} on its own; counters can be read from any
 * thread while it runs.
 *
 * @param <T> the sensor record type
 */
public final class WirePublisher<T> implements Publisher {

    /**
     * How to publish.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param topic the sensor topic
     * @param speed simulated seconds per wall-clock second; 0 sends as fast as possible
     * @param maxRate at most this many records per second; 0 for no cap
     * @param maxEvents stop after this many records; 0 for the whole simulation
     * @param compression producer compression, {@code lz4} or {@code none}
     * @param clientSettings further Kafka client settings (security.protocol, sasl.*, ssl.*)
     */
    public record Options(
            String bootstrapServers,
            String topic,
            double speed,
            double maxRate,
            long maxEvents,
            String compression,
            Map<String, String> clientSettings) {

        public Options {
            Objects.requireNonNull(bootstrapServers, "bootstrap servers");
            clientSettings = Map.copyOf(clientSettings);
            Objects.requireNonNull(topic, "topic");
            checkPace(speed, maxRate, maxEvents, compression);
        }

        /**
         * Throws unless {@code speed} and {@code maxRate} are 0 or positive and finite, {@code
         * maxEvents} 0 or positive and {@code compression} lz4 or none.
         */
        public static void checkPace(
                double speed, double maxRate, long maxEvents, String compression) {
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
            if (!"lz4".equals(compression) && !"none".equals(compression)) {
                throw new IllegalArgumentException(
                        "compression must be lz4 or none, got " + compression);
            }
        }

        /** Without further client settings (a PLAINTEXT broker). */
        public Options(
                String bootstrapServers,
                String topic,
                double speed,
                double maxRate,
                long maxEvents,
                String compression) {
            this(bootstrapServers, topic, speed, maxRate, maxEvents, compression, Map.of());
        }

        /** With lz4 compression. */
        public Options(
                String bootstrapServers,
                String topic,
                double speed,
                double maxRate,
                long maxEvents) {
            this(bootstrapServers, topic, speed, maxRate, maxEvents, "lz4");
        }

        /** The whole simulation at {@code speed}, no rate cap. */
        public static Options of(String bootstrapServers, String topic, double speed) {
            return new Options(bootstrapServers, topic, speed, 0, 0);
        }

        public Options withSpeed(double speed) {
            return new Options(
                    bootstrapServers,
                    topic,
                    speed,
                    maxRate,
                    maxEvents,
                    compression,
                    clientSettings);
        }

        public Options withMaxRate(double maxRate) {
            return new Options(
                    bootstrapServers,
                    topic,
                    speed,
                    maxRate,
                    maxEvents,
                    compression,
                    clientSettings);
        }

        public Options withMaxEvents(long maxEvents) {
            return new Options(
                    bootstrapServers,
                    topic,
                    speed,
                    maxRate,
                    maxEvents,
                    compression,
                    clientSettings);
        }

        /** With further Kafka client settings (security and the like). */
        public Options withClientSettings(Map<String, String> settings) {
            return new Options(
                    bootstrapServers, topic, speed, maxRate, maxEvents, compression, settings);
        }

        /**
         * The producer settings: the client settings given, then acks=all, idempotent, short
         * linger, lz4 or none.
         */
        public Properties producerProperties(String clientId) {
            Properties p = new Properties();
            p.putAll(clientSettings);
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class.getName());
            return p;
        }
    }

    private final Simulation<T> sim;
    private final WireFormat<T> format;
    private final TransportFaults faults;
    private final long seed;
    private Options options;
    private final String name;
    private Producer<String, byte[]> givenProducer;

    private final AtomicLongArray sentByFault = new AtomicLongArray(WireFault.values().length);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile boolean finished;
    private volatile Thread thread;
    private volatile long events;
    private volatile long records;
    private volatile long sideRecords;
    private volatile long currentTs;
    private volatile long startedNanos;
    private volatile long endedNanos;

    public WirePublisher(
            Simulation<T> sim,
            WireFormat<T> format,
            TransportFaults faults,
            long seed,
            Options options) {
        this(sim, format, faults, seed, options, "streamwall-generator");
    }

    /**
     * @param name the producer's client id and the publishing thread's name
     */
    public WirePublisher(
            Simulation<T> sim,
            WireFormat<T> format,
            TransportFaults faults,
            long seed,
            Options options,
            String name) {
        this.sim = Objects.requireNonNull(sim);
        this.format = Objects.requireNonNull(format);
        this.faults = Objects.requireNonNull(faults);
        this.seed = seed;
        this.options = Objects.requireNonNull(options);
        this.name = name;
        this.currentTs = sim.startTime();
    }

    /** Kafka client settings (security.protocol, sasl.*, ssl.*) for the producer it creates. */
    public WirePublisher<T> withClientSettings(Map<String, String> settings) {
        options = options.withClientSettings(settings);
        return this;
    }

    /** Publishes through the given producer, which the caller owns (flushed, not closed). */
    public WirePublisher<T> withProducer(Producer<String, byte[]> producer) {
        this.givenProducer = producer;
        return this;
    }

    /** Runs the simulation on a new daemon thread and returns at once. */
    public synchronized WirePublisher<T> start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        // The failure is kept for failure(); the default handler would only print it again.
        t.setUncaughtExceptionHandler((th, e) -> {});
        thread = t;
        t.start();
        return this;
    }

    /** Asks the run to stop after the current record; held-back records are still flushed. */
    @Override
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
                        : new KafkaProducer<>(options.producerProperties(name));
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
        TransportFaultInjector<T> injector = new TransportFaultInjector<>(format, faults, seed);
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
        Pacer pacer = new Pacer(options.speed(), options.maxRate());
        long simStart = sim.startTime();
        long max = options.maxEvents();
        long n = 0;
        while (!stopRequested && failure.get() == null && sim.hasNext() && (max == 0 || n < max)) {
            T t = sim.next();
            long ts = format.ts(t);
            pacer.await(ts - simStart, n, () -> stopRequested);
            if (stopRequested) {
                break;
            }
            injector.accept(t, send);
            n++;
            events = n;
            currentTs = ts;
            sendSideRecords(producer, callback);
        }
        injector.flush(send);
        sendSideRecords(producer, callback);
        producer.flush();
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException(
                    "sending to Kafka failed: " + error.getMessage(), error);
        }
    }

    private void sendSideRecords(Producer<String, byte[]> producer, Callback callback) {
        for (SideRecord r : sim.pollSideRecords()) {
            producer.send(
                    new ProducerRecord<>(r.topic(), r.key(), Json.toBytes(r.value())), callback);
            sideRecords++;
        }
    }

    /** Records taken from the simulation and sent (each once, whatever its transport fault). */
    @Override
    public long eventsSent() {
        return events;
    }

    /** Records sent to the sensor topic: originals, duplicates and malformed extras. */
    @Override
    public long recordsSent() {
        return records;
    }

    /** Side records (labels, ground truth) sent. */
    public long sideRecordsSent() {
        return sideRecords;
    }

    @Override
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

    /** Event time of the latest record sent, epoch ms. */
    public long currentTs() {
        return currentTs;
    }

    public boolean isRunning() {
        return running;
    }

    /** True once a run has ended, normally, stopped or failed. */
    @Override
    public boolean isFinished() {
        return finished;
    }

    /** The first send or simulation error, or null. */
    @Override
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

    public Options options() {
        return options;
    }
}
