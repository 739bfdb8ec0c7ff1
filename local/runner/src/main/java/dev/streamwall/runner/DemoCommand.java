package dev.streamwall.runner;

import dev.streamwall.runner.cityflow.CityflowDemoCommand;
import dev.streamwall.runner.factory.FactoryDemoCommand;
import dev.streamwall.runner.pitwall.PitwallDemoBase;
import dev.streamwall.runner.pitwall.PitwallDemoCommand;
import picocli.CommandLine.Command;

/**
 * {@code streamwall demo [JOB]}: runs a job end to end on this machine (generator → Kafka → Flink →
 * PostgreSQL) with a live board. Without a job name it runs pitwall, so {@code streamwall demo
 * --speed 10} works as it always did.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = {
            PitwallDemoCommand.class,
            CityflowDemoCommand.class,
            FactoryDemoCommand.class
        },
        description = {
            "Run a job end to end on this machine: generator → Kafka → Flink → PostgreSQL, with a live board.",
            "JOB is pitwall (the default, whose options are listed here), cityflow or factory;"
                    + " 'demo JOB --help' lists a job's options."
        })
public final class DemoCommand extends PitwallDemoBase {}
