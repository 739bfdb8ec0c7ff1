package dev.streamwall.runner;

import dev.streamwall.bench.BenchCommand;
import dev.streamwall.common.db.DatabaseCheck;
import dev.streamwall.generators.GeneratorCli;
import dev.streamwall.generators.ReplayCli;
import dev.streamwall.runner.db.DbCommand;
import dev.streamwall.runner.run.RunCommand;
import dev.streamwall.runner.sql.SqlCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./streamwall} command: run a job locally with everything it needs, in one JVM. */
@Command(
        name = "streamwall",
        mixinStandardHelpOptions = true,
        version = "streamwall 0.1.0 (Flink 2.2, Kafka 4.2)",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            EvaluateCommand.class,
            SqlCommand.class,
            DbCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        description = "Apache Flink jobs that turn live sensor streams into decisions.")
public final class StreamwallCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with every subcommand: {@code demo}, {@code run}, {@code evaluate}, {@code
     * sql}, and the generators {@code generate} and {@code replay}.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StreamwallCli());
        cl.addSubcommand("generate", GeneratorCli.commandLine());
        cl.addSubcommand("replay", ReplayCli.commandLine());
        // A database that cannot be used is the user's to fix: one line, not a stack trace.
        cl.setExecutionExceptionHandler(
                (e, command, parsed) -> {
                    if (e instanceof DatabaseCheck.Unreachable) {
                        command.getErr()
                                .println(
                                        command.getCommandSpec().qualifiedName()
                                                + ": "
                                                + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
        return cl.setCaseInsensitiveEnumValuesAllowed(true);
    }
}
