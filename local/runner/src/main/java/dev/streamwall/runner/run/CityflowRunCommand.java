package dev.streamwall.runner.run;

import dev.streamwall.cityflow.CityflowJob;
import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.generators.city.CityFileFormat;
import dev.streamwall.generators.replay.CsvReplay;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code streamwall run cityflow}: the cityflow job over recorded road sensors. */
@Command(
        name = "cityflow",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the cityflow job over recorded road sensors.",
            "Long format: ts,sensor,road,speed[,flow,occupancy] (one reading per row); or a wide"
                    + " matrix, one column per sensor and one row per time step (--format matrix)."
                    + " Without a road graph every road is taken as it comes (no reroutes)."
                    + " Timestamps: epoch ms, epoch seconds or ISO-8601 (UTC when no zone)."
        },
        footer = {
            "",
            "Examples:",
            "  run cityflow --file loops.csv",
            "  run cityflow --file freeway.csv --speed-unit mph --out results/",
            "  run cityflow --file speeds.csv --format matrix --start 2024-03-01T00:00"
                    + " --step 5m --time-zone America/New_York --zero-is-missing"
        })
public final class CityflowRunCommand implements Callable<Integer>, RecordingJob {

    @Mixin RunOptions options = new RunOptions();

    @Mixin CityFileFormat format = new CityFileFormat();

    @Override
    public Integer call() throws Exception {
        return new RecordingRun(options, System.out).run(this);
    }

    @Override
    public StreamwallJob<?> job() {
        return new CityflowJob();
    }

    @Override
    public String inputOption() {
        return "--readings-topic";
    }

    @Override
    public CsvReplay.RowMapper mapper() {
        return format.mapper();
    }

    @Override
    public List<String> tables() {
        return List.of("traffic_raw", "predictions", "incidents", "reroutes");
    }

    @Override
    public List<String> tableLabels() {
        return List.of("readings", "forecasts", "incident records", "reroutes");
    }
}
