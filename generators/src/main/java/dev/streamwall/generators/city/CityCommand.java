package dev.streamwall.generators.city;

import dev.streamwall.generators.KafkaTarget;
import dev.streamwall.generators.Pacing;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.wire.Topics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    public static final String DEFAULT_TOPIC = Topics.CITY_READINGS;

    @Spec CommandSpec spec;

    @Mixin KafkaTarget kafka = new KafkaTarget();

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

    @Mixin CityOptions city = new CityOptions();

    @Mixin Pacing pacing = new Pacing();

    @Option(names = "--dry-run", description = "Print the city and its incidents, send nothing.")
    boolean dryRun;

    /** The city the options describe. */
    public CityConfig config() {
        return city.toConfig(spec.commandLine());
    }

    @Override
    public Integer call() throws InterruptedException {
        CityConfig config = config();
        TransportFaults faults = city.transportFaults(spec.commandLine());
        CitySimulator sim = new CitySimulator(config, truthTopic, roadsTopic);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "city: %d roads, %d incidents, from %s for %s, %s -> %s (truth -> %s)%n",
                config.network().roads().size(),
                sim.incidents().size(),
                config.start(),
                config.duration(),
                pacing.describe(),
                topic,
                truthTopic);
        if (dryRun) {
            sim.incidents().forEach(i -> out.println("  " + i));
            out.flush();
            return 0;
        }
        WirePublisher<RoadReading> publisher =
                new WirePublisher<>(
                        sim,
                        CityWireFormat.INSTANCE,
                        faults,
                        city.seed,
                        kafka.publishing(topic, pacing),
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
