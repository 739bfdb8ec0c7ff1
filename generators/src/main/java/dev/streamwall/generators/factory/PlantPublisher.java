package dev.streamwall.generators.factory;

import dev.streamwall.generators.wire.Publisher;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.wire.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;

/**
 * Plays a simulated plant into Kafka: readings as JSON keyed by machine on the readings topic,
 * ground-truth labels on the labels topic, with seeded transport faults, paced at {@code speed}
 * times real time. A facade over {@link WirePublisher} with the plant's counters.
 */
public final class PlantPublisher implements Publisher {

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
    private final PlantSimulator simulator;
    private final WirePublisher<SensorReading> publisher;

    public PlantPublisher(PlantConfig config, Options options) {
        this.config = config;
        this.simulator = new PlantSimulator(config, options.labelsTopic());
        this.publisher =
                new WirePublisher<>(
                        simulator,
                        PlantWireFormat.INSTANCE,
                        options.transportFaults(),
                        config.seed(),
                        new WirePublisher.Options(
                                options.bootstrapServers(),
                                options.topic(),
                                options.speed(),
                                options.maxRate(),
                                options.maxEvents()),
                        "streamwall-plant-" + config.plantId());
    }

    /** Kafka client settings (security.protocol, sasl.*, ssl.*) for its producer. */
    public PlantPublisher withClientSettings(java.util.Map<String, String> settings) {
        publisher.withClientSettings(settings);
        return this;
    }

    /** Publishes through the given producer, which the caller owns (for tests). */
    public PlantPublisher withProducer(Producer<String, byte[]> producer) {
        publisher.withProducer(producer);
        return this;
    }

    public PlantConfig config() {
        return config;
    }

    /** Publishes on the caller's thread and returns when done. */
    public void run() {
        publisher.run();
    }

    /** Publishes on a daemon thread and returns at once. */
    public PlantPublisher start() {
        publisher.start();
        return this;
    }

    @Override
    public void stop() {
        publisher.stop();
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return publisher.awaitTermination(timeout);
    }

    @Override
    public boolean isFinished() {
        return publisher.isFinished();
    }

    @Override
    public Throwable failure() {
        return publisher.failure();
    }

    /** Readings taken from the simulation. */
    @Override
    public long eventsSent() {
        return publisher.eventsSent();
    }

    /** Records sent to the readings topic, duplicates and malformed extras included. */
    @Override
    public long recordsSent() {
        return publisher.recordsSent();
    }

    @Override
    public long malformedSent() {
        return publisher.malformedSent();
    }

    /** Labels (faults and noise spikes) sent to the labels topic. */
    public long labelsSent() {
        return publisher.sideRecordsSent();
    }

    public Map<WireFault, Long> sentByFault() {
        return publisher.sentByFault();
    }

    /** Event time of the latest reading sent. */
    public long currentTs() {
        return publisher.currentTs();
    }

    /** Simulated time since the start of the plant, ms. */
    public long simTimeMs() {
        return publisher.currentTs() - config.start().toEpochMilli();
    }

    public long elapsedMs() {
        return publisher.elapsedMs();
    }
}
