package dev.streamwall.scenarios.cityflow;

import dev.streamwall.cityflow.CityflowJob;
import dev.streamwall.cityflow.CityflowOptions;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CityGenerator;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.city.CityWireFormat;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.scenarios.ScenarioStack;

/**
 * One test's cityflow deployment on the shared broker and database, fed by the city simulator
 * (readings, its road graph and its truth).
 */
final class CityflowStack extends ScenarioStack<CityflowOptions> {

    static final String[] TABLES = {
        "predictions",
        "ts, road_id",
        "reroutes",
        "ts, route_id, alt_route_id",
        "incidents",
        "incident_id, ts",
        "traffic_raw",
        ""
    };

    final String readings;
    final String roads;
    final String truth = topic("--truth-topic", "truth", 1);
    final String predictions = topic("--predictions-topic", "predictions", 2);
    final String reroutes = topic("--reroutes-topic", "reroutes", 2);
    final String incidents = topic("--incidents-topic", "incidents", 2);
    String provisionalPredictions;
    WirePublisher<RoadReading> publisher;
    CitySimulator simulator;
    private CityConfig city;
    private TransportFaults faults = TransportFaults.NONE;

    CityflowStack(EmbeddedInfra infra) {
        this(infra, null, null, infra.freshDatabase());
    }

    /** A stack on the database at {@code jdbcUrl} reading the given topics (null: fresh ones). */
    CityflowStack(EmbeddedInfra infra, String readingsTopic, String roadsTopic, String jdbcUrl) {
        super(infra, new CityflowJob(), jdbcUrl);
        this.readings = inputTopic("--readings-topic", "readings", 4, readingsTopic);
        this.roads = inputTopic("--roads-topic", "roads", 1, roadsTopic);
        scenario(readings, predictions, TABLES);
    }

    /** Turns provisional predictions on, into {@link #provisionalPredictions} (at least once). */
    CityflowStack withProvisionalPredictions() {
        provisionalPredictions =
                topic("--provisional-predictions-topic", "provisional-predictions", 2);
        return this;
    }

    /** The city the input comes from, and the transport faults on the way to Kafka. */
    CityflowStack with(CityConfig city, TransportFaults faults) {
        this.city = city;
        this.faults = faults;
        return this;
    }

    /** Publishes the whole city, as fast as possible, and waits until Kafka has every record. */
    CityflowStack publish(CityConfig city, TransportFaults faults) {
        return with(city, faults).publishAll();
    }

    @Override
    public CityflowStack publishAll() {
        simulator = new CitySimulator(city, truth, roads);
        publisher =
                new WirePublisher<>(
                        simulator,
                        CityWireFormat.INSTANCE,
                        faults,
                        city.seed(),
                        WirePublisher.Options.of(infra.bootstrapServers(), readings, 0),
                        "cityflow-test");
        publisher.runToEnd();
        return this;
    }

    @Override
    public void publishRange(long from, long count) {
        publishRange(new CitySimulator(city, truth, roads), CityWireFormat.INSTANCE, from, count);
    }

    @Override
    public long events() {
        return CityGenerator.countEvents(city);
    }
}
