package dev.streamwall.generators.factory;

import dev.streamwall.generators.wire.SimulationPublisher;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.wire.Topics;
import org.apache.kafka.clients.producer.Producer;

/**
 * Plays a simulated plant into Kafka: readings as JSON keyed by machine on the readings topic,
 * ground-truth labels on the labels topic, with seeded transport faults, paced at {@code speed}
 * times real time. A facade over {@link WirePublisher} with the plant's counters.
 */
public final class PlantPublisher extends SimulationPublisher<SensorReading> {

    public static final String DEFAULT_TOPIC = Topics.FACTORY_READINGS;
    public static final String DEFAULT_LABELS_TOPIC = PlantSimulator.DEFAULT_LABELS_TOPIC;

    /**
     * How to publish.
     *
     * @param speed simulated seconds per wall-clock second; 0 sends as fast as possible
     * @param maxRate at most this many readings per second; 0 for no cap
     * @param maxEvents stop after this many readings; 0 for the whole simulation
     */
    public record Options(
            String bootstrapServers,
            String topic,
            String labelsTopic,
            double speed,
            double maxRate,
            long maxEvents,
            TransportFaults transportFaults) {

        public static Options defaults(String bootstrapServers) {
            return new Options(
                    bootstrapServers,
                    DEFAULT_TOPIC,
                    DEFAULT_LABELS_TOPIC,
                    1,
                    0,
                    0,
                    TransportFaults.NONE);
        }

        public Options withTopics(String readings, String labels) {
            return new Options(
                    bootstrapServers, readings, labels, speed, maxRate, maxEvents, transportFaults);
        }

        public Options withSpeed(double s) {
            return new Options(
                    bootstrapServers, topic, labelsTopic, s, maxRate, maxEvents, transportFaults);
        }

        public Options withTransportFaults(TransportFaults f) {
            return new Options(bootstrapServers, topic, labelsTopic, speed, maxRate, maxEvents, f);
        }
    }

    private final PlantConfig config;

    public PlantPublisher(PlantConfig config, Options options) {
        super(
                new WirePublisher<>(
                        new PlantSimulator(config, options.labelsTopic()),
                        PlantWireFormat.INSTANCE,
                        options.transportFaults(),
                        config.seed(),
                        new WirePublisher.Options(
                                options.bootstrapServers(),
                                options.topic(),
                                options.speed(),
                                options.maxRate(),
                                options.maxEvents()),
                        "streamwall-plant-" + config.plantId()));
        this.config = config;
    }

    /** Kafka client settings (security.protocol, sasl.*, ssl.*) for its producer. */
    public PlantPublisher withClientSettings(java.util.Map<String, String> settings) {
        wire.withClientSettings(settings);
        return this;
    }

    /** Publishes through the given producer, which the caller owns (for tests). */
    public PlantPublisher withProducer(Producer<String, byte[]> producer) {
        wire.withProducer(producer);
        return this;
    }

    public PlantConfig config() {
        return config;
    }

    /** Publishes on a daemon thread and returns at once. */
    public PlantPublisher start() {
        wire.start();
        return this;
    }

    /** Simulated time since the start of the plant, ms. */
    public long simTimeMs() {
        return currentTs() - config.start().toEpochMilli();
    }
}
