package dev.streamwall.generators.city;

import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.generators.replay.ReplayCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
public final class CityReplayCommand extends ReplayCommand {

    @Mixin CityFileFormat format = new CityFileFormat();

    public CityReplayCommand() {
        super(CityCommand.DEFAULT_TOPIC);
    }

    @Override
    protected CsvReplay.RowMapper mapper() {
        return format.mapper();
    }
}
