package dev.streamwall.generators.factory;

import dev.streamwall.generators.KafkaTarget;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.generators.replay.ReplayRun;
import dev.streamwall.generators.wire.WirePublisher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code replay factory}: feeds a recorded plant CSV into the readings topic. */
@Command(
        name = "factory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Replays recorded plant data into the readings topic, paced by its timestamps.",
            "Long format: timestamp,machine,sensor,value (one reading per row). A single-sensor"
                    + " series may have just timestamp,value (give --machine and --sensor) or"
                    + " timestamp,temp. Timestamps: epoch ms, epoch seconds or ISO-8601 (UTC when"
                    + " no zone). Rows that cannot be read are reported with their line number."
        },
        footer = {
            "",
            "Examples:",
            "  factory --file plant.csv --speed 60",
            "  factory --file boiler-temp.csv --machine B1 --sensor temp --speed 0"
        })
public final class FactoryReplayCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--file", required = true, description = "The CSV file.")
    Path file;

    @Mixin KafkaTarget kafka = new KafkaTarget();

    @Option(
            names = "--topic",
            defaultValue = PlantPublisher.DEFAULT_TOPIC,
            description = "Readings topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description =
                    "Recorded seconds per wall-clock second; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Mixin PlantFileFormat format = new PlantFileFormat();

    @Option(
            names = "--max",
            defaultValue = "0",
            description = "Stop after this many rows; 0 for all (default: ${DEFAULT-VALUE}).")
    long max;

    public CsvReplay replay() {
        try {
            return new CsvReplay(
                    file,
                    format.mapper(),
                    new WirePublisher.Options(kafka.bootstrapServers, topic, speed, 0, max)
                            .withClientSettings(kafka.client().settingsMap()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        return ReplayRun.run(
                "replay factory",
                file
                        + " to "
                        + kafka.bootstrapServers
                        + " (topic "
                        + topic
                        + "), speed "
                        + (speed == 0 ? "as fast as possible" : speed + "x real time"),
                replay(),
                spec.commandLine().getErr());
    }
}
