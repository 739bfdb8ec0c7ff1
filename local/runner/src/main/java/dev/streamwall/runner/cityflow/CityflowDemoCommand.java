package dev.streamwall.runner.cityflow;

import dev.streamwall.generators.city.CityOptions;
import dev.streamwall.runner.DemoOptions;
import dev.streamwall.runner.DemoRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code streamwall demo cityflow}: a simulated city, the cityflow job and the city board. */
@Command(
        name = "cityflow",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Smart city: simulated road sensors → Kafka → the cityflow job → PostgreSQL, with the live"
                    + " city board (most congested roads now and in 30 minutes, reroutes with their"
                    + " time and CO2 gains, open incidents, predictions checked against what then"
                    + " happened).",
            "Without --speed the city runs 60 times faster than real time (--speed 60): the"
                    + " first T+30 predictions are checked against what then happened after about"
                    + " 30 s of wall time, and the morning rush (a weekday from 06:30, peak at 08:00)"
                    + " builds over the first 90 s. At --speed 120 the rush (07:00-09:00) passes in"
                    + " about a minute and the default 4 h of city in 2 minutes."
        })
public final class CityflowDemoCommand implements Callable<Integer> {

    /** Simulated seconds per second when --speed is not given: T+30 is checked after 30 s. */
    static final double DEFAULT_SPEED = 60;

    @Mixin public DemoOptions demo = new DemoOptions();

    @Mixin public CityOptions city = new CityOptions();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--speed")) {
            demo.speed = DEFAULT_SPEED;
        }
        return new DemoRunner(demo)
                .run(
                        new CityflowDemo(
                                city.toConfig(spec.commandLine()),
                                city.transportFaults(spec.commandLine())));
    }
}
