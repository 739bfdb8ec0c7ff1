package dev.streamwall.runner;

import dev.streamwall.generators.GeneratorCli;
import dev.streamwall.runner.sql.SqlCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./streamwall} command: run a job locally with everything it needs, in one JVM. */
@Command(
        name = "streamwall",
        mixinStandardHelpOptions = true,
        version = "streamwall 0.1.0 (Flink 2.2, Kafka 4.2)",
        subcommands = {DemoCommand.class, SqlCommand.class, CommandLine.HelpCommand.class},
        description = "Apache Flink jobs that turn live sensor streams into decisions.")
public final class StreamwallCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with every subcommand: {@code demo}, and {@code generate} (the generators).
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StreamwallCli());
        cl.addSubcommand("generate", GeneratorCli.commandLine());
        return cl.setCaseInsensitiveEnumValuesAllowed(true);
    }
}
