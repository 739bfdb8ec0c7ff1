package dev.streamwall.generators.city;

import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WirePublisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate city}: plays a simulated city's road sensors into Kafka. */
@Command(
        name = "city",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Simulates a city's road sensors (speed km/h, flow veh/h, occupancy 0-1, two per road,"
                    + " every 5 s) with weekday rush hours and lane closures whose queues spill back,"
                    + " and sends every reading to Kafka as JSON keyed by sensor; each road's true"
                    + " state goes to a truth topic once a simulated minute.",
            "The same seed and options always produce the same traffic."
        },
        footer = {
            "",
            "Examples:",
            "  city --speed 60",
            "  city --speed 0 --sim-duration 2h --incidents R20@60m+40m --incidents-per-hour 0",
            "  city --network roads.csv --transport-faults default"
        })
public final class CityCommand implements Callable<Integer> {

    public static final String DEFAULT_TOPIC = "city.readings";

    @Spec CommandSpec spec;

    @Option(
            names = {"--kafka", "--bootstrap-servers"},
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(
            names = "--topic",
            defaultValue = DEFAULT_TOPIC,
            description = "Readings topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--truth-topic",
            defaultValue = CitySimulator.DEFAULT_TRUTH_TOPIC,
            description = "Ground-truth topic (default: ${DEFAULT-VALUE}).")
    String truthTopic;

    @Option(
            names = "--roads-topic",
            defaultValue = CitySimulator.DEFAULT_ROADS_TOPIC,
            description =
                    "Topic the road network is published to at the start, one record per road (default: ${DEFAULT-VALUE}).")
    String roadsTopic;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description =
                    "Simulated seconds per wall-clock second; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--start",
            defaultValue = "2026-03-03T06:30:00Z",
            description =
                    "Simulated start, ISO-8601 (default: ${DEFAULT-VALUE}, a weekday before the rush).")
    Instant start;

    @Option(
            names = "--sim-duration",
            defaultValue = "4h",
            converter = DurationConverter.class,
            description = "Simulated time to play (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--incidents",
            defaultValue = "",
            description = "Lane closures such as R20@60m+40m,R33@2h (road@start[+length]).")
    String incidents;

    @Option(
            names = "--incidents-per-hour",
            defaultValue = "1",
            description = "Random lane closures per simulated hour (default: ${DEFAULT-VALUE}).")
    double incidentsPerHour;

    @Option(
            names = "--network",
            paramLabel = "FILE",
            description =
                    "Road network CSV (road,from,to,length_m,lanes,free_flow_kmh,capacity_vph[,from_lat,from_lon,to_lat,to_lon]); default: the built-in city of 52 roads.")
    Path network;

    @Option(
            names = "--transport-faults",
            defaultValue = "none",
            description =
                    "none, default, or out-of-order=0.01,late=0.001,duplicate=0.001,malformed=0.001 (default: ${DEFAULT-VALUE}).")
    String transportFaults;

    /** The city the options describe. */
    public CityConfig config() {
        try {
            CityConfig c =
                    CityConfig.defaults().withSeed(seed).withStart(start).withDuration(duration);
            if (network != null) {
                c = c.withNetwork(RoadNetwork.load(network));
            }
            return c.withIncidents(incidents, incidentsPerHour);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        CityConfig config = config();
        TransportFaults faults;
        try {
            faults = TransportFaults.parse(transportFaults);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        CitySimulator sim = new CitySimulator(config, truthTopic, roadsTopic);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "city: %d roads, %d incidents, from %s for %s, speed x%s -> %s (truth -> %s)%n",
                config.network().roads().size(),
                sim.incidents().size(),
                config.start(),
                config.duration(),
                speed,
                topic,
                truthTopic);
        WirePublisher<RoadReading> publisher =
                new WirePublisher<>(
                        sim,
                        CityWireFormat.INSTANCE,
                        faults,
                        seed,
                        WirePublisher.Options.of(bootstrapServers, topic, speed),
                        "streamwall-city-generator");
        publisher.run();
        if (publisher.failure() != null) {
            spec.commandLine()
                    .getErr()
                    .println("sending failed: " + publisher.failure().getMessage());
            return 1;
        }
        out.printf(
                Locale.ROOT,
                "sent %,d readings in %,d records (%,d malformed) and %,d truth records%n",
                publisher.eventsSent(),
                publisher.recordsSent(),
                publisher.malformedSent(),
                publisher.sideRecordsSent());
        return 0;
    }
}
