package dev.streamwall.generators.factory;

import dev.streamwall.generators.KafkaTarget;
import dev.streamwall.generators.Pacing;
import dev.streamwall.generators.wire.WireFault;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate factory}: plays a simulated plant into Kafka. */
@Command(
        name = "factory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Simulates a plant of machines (temperature °C, vibration mm/s, pressure bar at 1 Hz) and"
                    + " sends every reading to Kafka as JSON keyed by machine, and the ground truth of"
                    + " injected faults and noise spikes to a labels topic.",
            "The same seed and options always produce the same plant."
        },
        footer = {
            "",
            "Examples:",
            "  factory --speed 60",
            "  factory --machines 10 --speed 0 --sim-duration 4h --faults bearing_wear@M03+30m,overheating",
            "  factory --transport-faults out-of-order=0.01,late=0.001,duplicate=0.001,malformed=0.001"
        })
public final class FactoryCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin KafkaTarget kafka = new KafkaTarget();

    @Option(
            names = "--topic",
            defaultValue = PlantPublisher.DEFAULT_TOPIC,
            description = "Readings topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--labels-topic",
            defaultValue = PlantPublisher.DEFAULT_LABELS_TOPIC,
            description = "Ground-truth topic (default: ${DEFAULT-VALUE}).")
    String labelsTopic;

    @Mixin Pacing pacing = new Pacing();

    @Mixin PlantOptions plant = new PlantOptions();

    @Option(names = "--dry-run", description = "Print the plant and its faults, send nothing.")
    boolean dryRun;

    /** The plant the options describe. */
    public PlantConfig plant() {
        return plant.toConfig(spec.commandLine());
    }

    public PlantPublisher.Options publisherOptions() {
        return new PlantPublisher.Options(
                kafka.bootstrapServers,
                topic,
                labelsTopic,
                pacing.speed,
                pacing.rate,
                pacing.max,
                plant.transportFaults(spec.commandLine()));
    }

    @Override
    public Integer call() throws InterruptedException {
        PlantConfig config = plant();
        PlantPublisher.Options options = publisherOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dryRun) {
            out.println(config);
            for (FactoryLabel l : new PlantSimulator(config).plannedFaults()) {
                out.printf(
                        "  %s %-13s %-9s from %s to %s%n",
                        l.machine,
                        l.fault.toLowerCase(),
                        l.sensor,
                        Instant.ofEpochMilli(l.startTs),
                        Instant.ofEpochMilli(l.endTs));
            }
            out.flush();
            return 0;
        }
        PlantPublisher publisher =
                new PlantPublisher(config, options)
                        .withClientSettings(kafka.client().settingsMap());
        err.printf(
                "factory: %s to %s (topics %s, %s), speed %s%n",
                config,
                options.bootstrapServers(),
                options.topic(),
                options.labelsTopic(),
                pacing.describe());
        err.flush();
        Thread hook = new Thread(publisher::stop, "factory-generator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        publisher.start();
        while (!publisher.awaitTermination(Duration.ofSeconds(1))) {
            err.printf(
                    "factory %s | readings %,d | records %,d | labels %d | malformed %d | sim %s%n",
                    config.plantId(),
                    publisher.eventsSent(),
                    publisher.recordsSent(),
                    publisher.labelsSent(),
                    publisher.malformedSent(),
                    clock(publisher.simTimeMs()));
            err.flush();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook has stopped the run.
        }
        Map<WireFault, Long> sent = publisher.sentByFault();
        err.printf(
                "factory %s done: %,d readings, %,d records (%d duplicate, %d out-of-order, %d late,"
                        + " %d malformed), %d labels in %.1f s; sim time %s%n",
                config.plantId(),
                publisher.eventsSent(),
                publisher.recordsSent(),
                sent.get(WireFault.DUPLICATE),
                sent.get(WireFault.OUT_OF_ORDER),
                sent.get(WireFault.LATE),
                publisher.malformedSent(),
                publisher.labelsSent(),
                publisher.elapsedMs() / 1000.0,
                clock(publisher.simTimeMs()));
        err.flush();
        if (publisher.failure() != null) {
            err.println("factory: failed: " + publisher.failure().getMessage());
            err.flush();
            return 1;
        }
        return 0;
    }

    static String clock(long ms) {
        long s = Math.max(0, ms) / 1000;
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
