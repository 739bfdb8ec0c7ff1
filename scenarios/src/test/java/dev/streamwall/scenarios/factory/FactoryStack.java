package dev.streamwall.scenarios.factory;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.factory.FactoryJob;
import dev.streamwall.factory.FactoryOptions;
import dev.streamwall.generators.factory.FactoryLabel;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantPublisher;
import dev.streamwall.generators.factory.PlantSimulator;
import dev.streamwall.generators.factory.PlantWireFormat;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.ScenarioStack;
import java.util.List;

/** One test's factory deployment on the shared broker and database, fed by the plant generator. */
final class FactoryStack extends ScenarioStack<FactoryOptions> {

    static final String[] TABLES = {
        "maintenance_alerts",
        "alert_id",
        "machine_anomalies",
        "anomaly_id",
        "sensor_stats",
        "machine, sensor, window_end",
        "sensor_readings",
        ""
    };

    final String readings;
    final String anomalies = topic("--anomalies-topic", "anomalies", 2);
    final String alerts = topic("--alerts-topic", "alerts", 2);
    final String labels;
    String provisionalAlerts;
    PlantPublisher publisher;
    private PlantConfig plant;
    private TransportFaults faults = TransportFaults.NONE;

    FactoryStack(EmbeddedInfra infra) {
        this(infra, null, infra.freshDatabase());
    }

    /** A stack on the database at {@code jdbcUrl} reading the given topic (null: a fresh one). */
    FactoryStack(EmbeddedInfra infra, String readingsTopic, String jdbcUrl) {
        super(infra, new FactoryJob(), jdbcUrl);
        this.readings = inputTopic("--readings-topic", "readings", 4, readingsTopic);
        this.labels = infra.freshTopic("labels");
        scenario(readings, anomalies, TABLES);
    }

    /** Turns provisional alerts on, into {@link #provisionalAlerts} (at least once). */
    FactoryStack withProvisionalAlerts() {
        provisionalAlerts = topic("--provisional-alerts-topic", "provisional-alerts", 2);
        return this;
    }

    /** The plant the input comes from, and the transport faults on the way to Kafka. */
    FactoryStack with(PlantConfig plant, TransportFaults faults) {
        this.plant = plant;
        this.faults = faults;
        return this;
    }

    /** Publishes the whole plant, as fast as possible, and waits until Kafka has every record. */
    FactoryStack publish(PlantConfig plant, TransportFaults faults) {
        return with(plant, faults).publishAll();
    }

    @Override
    public FactoryStack publishAll() {
        publisher =
                new PlantPublisher(
                        plant,
                        PlantPublisher.Options.defaults(infra.bootstrapServers())
                                .withTopics(readings, labels)
                                .withSpeed(0)
                                .withTransportFaults(faults));
        publisher.runToEnd();
        return this;
    }

    @Override
    public void publishRange(long from, long count) {
        publishRange(new PlantSimulator(plant, labels), PlantWireFormat.INSTANCE, from, count);
    }

    @Override
    public long events() {
        return PlantSimulator.countEvents(plant);
    }

    List<FactoryLabel> labels() throws Exception {
        return readJson(labels, (int) publisher.labelsSent(), FactoryLabel.class);
    }
}
