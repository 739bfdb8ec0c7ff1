package dev.streamwall.generators;

import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulation;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.f1.TelemetryWireFormat;
import dev.streamwall.generators.wire.SimulationPublisher;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.wire.Topics;
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
public final class F1RacePublisher extends SimulationPublisher<Telemetry> {

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
            WirePublisher.Options.checkPace(speed, maxRate, maxEvents, compression);
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
        this(race, options, new RaceSimulation(race, options.labelsTopic()), producer);
    }

    private F1RacePublisher(
            RaceConfig race,
            Options options,
            RaceSimulation simulation,
            Producer<String, byte[]> producer) {
        super(
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
                        .withProducer(producer));
        this.race = race;
        this.options = options;
        this.simulation = simulation;
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

    /** Simulated time since lights out of the latest sample sent, ms. */
    public long simTimeMs() {
        return currentTs() - race.startTime();
    }

    public int leaderLap() {
        return simulation.leaderLap();
    }

    public String trackStatus() {
        return simulation.trackStatus();
    }

    public RaceConfig race() {
        return race;
    }

    public Options options() {
        return options;
    }
}
