package dev.streamwall.generators;

import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulation;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.f1.TelemetryWireFormat;
import dev.streamwall.generators.wire.Publisher;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.wire.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.Producer;

/**
 * Plays a simulated race into Kafka: JSON telemetry keyed by car number, fault labels as they end,
 * paced so simulated time runs {@code speed} times faster than the wall clock.
 *
 * <p>Records carry no explicit timestamp, so Kafka stamps them with the send time (CreateTime); the
 * jobs measure end-to-end latency from it, while event time travels in the JSON {@code ts}. Run it
 * with {@link #run()} on the caller's thread or {@link #start()} on its own; counters can be read
 * from any thread while it runs.
 */
public final class F1RacePublisher implements Publisher {

    public static final String DEFAULT_TOPIC = Topics.F1_TELEMETRY;
    public static final String DEFAULT_LABELS_TOPIC = Topics.F1_LABELS;

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
    private final RaceSimulation simulation;
    private final WirePublisher<Telemetry> wire;

    /** Kafka client settings (security.protocol, sasl.*, ssl.*) for the producer it creates. */
    public F1RacePublisher withClientSettings(java.util.Map<String, String> settings) {
        wire.withClientSettings(settings);
        return this;
    }

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
        this.simulation = new RaceSimulation(race, options.labelsTopic());
        this.wire =
                new WirePublisher<>(
                                simulation,
                                TelemetryWireFormat.INSTANCE,
                                race.transportFaults(),
                                race.seed(),
                                new WirePublisher.Options(
                                        options.bootstrapServers(),
                                        options.topic(),
                                        options.speed(),
                                        options.maxRate(),
                                        options.maxEvents(),
                                        options.compression()),
                                "f1-race-publisher-" + race.raceId())
                        .withProducer(producer);
    }

    /** The producer settings: acks=all, idempotent, short linger, no native compression codecs. */
    public static Properties producerProperties(Options options) {
        return new WirePublisher.Options(
                        options.bootstrapServers(),
                        options.topic(),
                        options.speed(),
                        options.maxRate(),
                        options.maxEvents(),
                        options.compression())
                .producerProperties("streamwall-f1-generator");
    }

    /** Runs the race on a new daemon thread and returns at once. */
    public F1RacePublisher start() {
        wire.start();
        return this;
    }

    /** Asks the run to stop after the current sample; held-back records are still flushed. */
    @Override
    public void stop() {
        wire.stop();
    }

    /** Waits for a run started with {@link #start()} to end; true if it ended in time. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return wire.awaitTermination(timeout);
    }

    @Override
    public void run() {
        wire.run();
    }

    /** Telemetry samples sent (each once, whatever its transport fault). */
    @Override
    public long eventsSent() {
        return wire.eventsSent();
    }

    /** Records sent to the telemetry topic: samples, duplicates and malformed extras. */
    @Override
    public long recordsSent() {
        return wire.recordsSent();
    }

    public long labelsSent() {
        return wire.sideRecordsSent();
    }

    @Override
    public long malformedSent() {
        return wire.malformedSent();
    }

    /** Records sent so far per transport fault ({@link WireFault#NONE} for clean ones). */
    public Map<WireFault, Long> sentByFault() {
        return wire.sentByFault();
    }

    /** Event time of the latest sample sent, epoch ms. */
    public long currentTs() {
        return wire.currentTs();
    }

    /** Simulated time since lights out of the latest sample sent, ms. */
    public long simTimeMs() {
        return wire.currentTs() - race.startTime();
    }

    public int leaderLap() {
        return simulation.leaderLap();
    }

    public String trackStatus() {
        return simulation.trackStatus();
    }

    public boolean isRunning() {
        return wire.isRunning();
    }

    /** True once a run has ended, normally, stopped or failed. */
    @Override
    public boolean isFinished() {
        return wire.isFinished();
    }

    /** The first send or simulation error, or null. */
    @Override
    public Throwable failure() {
        return wire.failure();
    }

    /** Wall-clock time the run took (or has taken so far), ms. */
    public long elapsedMs() {
        return wire.elapsedMs();
    }

    public RaceConfig race() {
        return race;
    }

    public Options options() {
        return options;
    }
}
