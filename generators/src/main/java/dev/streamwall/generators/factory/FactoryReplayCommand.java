package dev.streamwall.generators.factory;

import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.generators.replay.ReplayCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
public final class FactoryReplayCommand extends ReplayCommand {

    @Mixin PlantFileFormat format = new PlantFileFormat();

    public FactoryReplayCommand() {
        super(PlantPublisher.DEFAULT_TOPIC);
    }

    @Override
    protected CsvReplay.RowMapper mapper() {
        return format.mapper();
    }
}
