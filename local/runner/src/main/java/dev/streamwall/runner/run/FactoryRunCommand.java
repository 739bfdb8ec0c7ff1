package dev.streamwall.runner.run;

import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.factory.FactoryJob;
import dev.streamwall.generators.factory.PlantCsvMapper;
import dev.streamwall.generators.replay.CsvReplay;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code streamwall run factory}: the factory job over recorded machine sensors. */
@Command(
        name = "factory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the factory job over recorded machine sensors.",
            "Long format: timestamp,machine,sensor,value (one reading per row). A single series may"
                    + " have just timestamp,value (give --machine and --sensor). Timestamps: epoch"
                    + " ms, epoch seconds or ISO-8601 (UTC when no zone)."
        },
        footer = {
            "",
            "Examples:",
            "  run factory --file plant.csv",
            "  run factory --file boiler.csv --machine B1 --sensor temp --out results/"
        })
public final class FactoryRunCommand implements Callable<Integer>, RecordingJob {

    @Mixin RunOptions options = new RunOptions();

    @Option(names = "--machine", description = "Machine of rows without a machine column.")
    String machine;

    @Option(names = "--sensor", description = "Sensor of rows without a sensor column.")
    String sensor;

    @Override
    public Integer call() throws Exception {
        return new RecordingRun(options, System.out).run(this);
    }

    @Override
    public StreamwallJob<?> job() {
        return new FactoryJob();
    }

    @Override
    public String inputOption() {
        return "--readings-topic";
    }

    @Override
    public CsvReplay.RowMapper mapper() {
        return new PlantCsvMapper(machine, sensor);
    }

    @Override
    public List<String> tables() {
        return List.of(
                "sensor_readings", "sensor_stats", "machine_anomalies", "maintenance_alerts");
    }

    @Override
    public List<String> tableLabels() {
        return List.of("readings", "sensor windows", "anomaly episodes", "alerts");
    }
}
