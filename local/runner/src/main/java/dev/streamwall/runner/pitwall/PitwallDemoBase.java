package dev.streamwall.runner.pitwall;

import dev.streamwall.generators.RaceOptions;
import dev.streamwall.runner.DemoOptions;
import dev.streamwall.runner.DemoRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options and the run of the pitwall demo, shared by {@code streamwall demo pitwall} and by
 * {@code streamwall demo} without a job name.
 */
public abstract class PitwallDemoBase implements Callable<Integer> {

    @Mixin public DemoOptions demo = new DemoOptions();

    @Mixin public RaceOptions raceOptions = new RaceOptions("now");

    @Option(
            names = "--telemetry-decimation",
            defaultValue = "1",
            paramLabel = "N",
            description = "Store every N-th telemetry sample (default: ${DEFAULT-VALUE}, all).")
    public int telemetryDecimation;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return new DemoRunner(demo)
                .run(
                        new PitwallDemo(
                                raceOptions.toConfig(spec.commandLine()), telemetryDecimation));
    }
}
