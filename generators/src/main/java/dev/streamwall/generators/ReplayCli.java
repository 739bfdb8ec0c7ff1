package dev.streamwall.generators;

import dev.streamwall.generators.factory.FactoryReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Command line of the CSV replays: recorded sensor data into a job's readings topic. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Replays a recorded CSV into a job's readings topic, paced by its timestamps.",
        subcommands = {
            FactoryReplayCommand.class,
            dev.streamwall.generators.city.CityReplayCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ReplayCli implements Runnable {

    @Spec CommandSpec spec;

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        return new CommandLine(new ReplayCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "Missing recording kind: use 'factory' or 'city'.");
    }
}
