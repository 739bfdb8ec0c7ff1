package dev.streamwall.runner;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./streamwall} command: run a job locally with everything it needs, in one JVM. */
@Command(
        name = "streamwall",
        mixinStandardHelpOptions = true,
        subcommands = {DemoCommand.class, CommandLine.HelpCommand.class},
        description = "Apache Flink jobs that turn live sensor streams into decisions.")
public final class StreamwallCli {

    public static void main(String[] args) {
        int code =
                new CommandLine(new StreamwallCli())
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        .execute(args);
        System.exit(code);
    }
}
