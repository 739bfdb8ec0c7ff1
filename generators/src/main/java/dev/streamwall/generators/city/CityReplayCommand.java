package dev.streamwall.generators.city;

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

/** {@code replay city}: feeds recorded road-sensor data into the readings topic. */
@Command(
        name = "city",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Replays recorded road-sensor data into the readings topic, paced by its timestamps.",
            "Columns: ts,sensor,road,speed (km/h) and optionally flow (veh/h) and occupancy (0-1 or"
                    + " percent); speed-only recordings work. Timestamps: epoch ms, epoch seconds or"
                    + " ISO-8601 (UTC when no zone). Rows that cannot be read are reported with their"
                    + " line number."
        },
        footer = {"", "Example:", "  city --file loops.csv --speed 60"})
public final class CityReplayCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--file", required = true, description = "The CSV file.")
    Path file;

    @Mixin KafkaTarget kafka = new KafkaTarget();

    @Option(
            names = "--topic",
            defaultValue = CityCommand.DEFAULT_TOPIC,
            description = "Readings topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description =
                    "Recorded seconds per wall-clock second; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Mixin CityFileFormat format = new CityFileFormat();

    @Option(
            names = "--max",
            defaultValue = "0",
            description = "Stop after this many rows; 0 for all (default: ${DEFAULT-VALUE}).")
    long max;

    @Override
    public Integer call() {
        CsvReplay.RowMapper mapper;
        try {
            mapper = format.mapper();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return ReplayRun.run(
                "replay city",
                file
                        + " to "
                        + kafka.bootstrapServers
                        + " (topic "
                        + topic
                        + "), speed "
                        + (speed == 0 ? "as fast as possible" : speed + "x real time"),
                new CsvReplay(
                        file,
                        mapper,
                        new WirePublisher.Options(kafka.bootstrapServers, topic, speed, 0, max)
                                .withClientSettings(kafka.client().settingsMap())),
                spec.commandLine().getErr());
    }
}
