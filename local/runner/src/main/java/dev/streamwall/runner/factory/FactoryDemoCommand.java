package dev.streamwall.runner.factory;

import dev.streamwall.generators.factory.PlantOptions;
import dev.streamwall.runner.DemoOptions;
import dev.streamwall.runner.DemoRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streamwall demo factory}: a simulated plant, the factory job and the plant board. */
@Command(
        name = "factory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Industry 4.0: a simulated plant → Kafka → the factory job → PostgreSQL, with the live"
                    + " plant board (machine health, open anomalies and alerts, machines at risk).",
            "Faults start 30-90 simulated minutes in: --speed 60 shows the first alerts within a"
                    + " minute or two, --speed 600 the whole default plant in a few minutes."
        })
public final class FactoryDemoCommand implements Callable<Integer> {

    @Mixin public DemoOptions demo = new DemoOptions();

    @Mixin public PlantOptions plant = new PlantOptions("now");

    @Option(
            names = "--readings-decimation",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "Store every N-th reading per sensor in sensor_readings (default: ${DEFAULT-VALUE}, all).")
    public int readingsDecimation;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return new DemoRunner(demo)
                .run(
                        new FactoryDemo(
                                plant.toConfig(spec.commandLine()),
                                plant.transportFaults(spec.commandLine()),
                                readingsDecimation));
    }
}
