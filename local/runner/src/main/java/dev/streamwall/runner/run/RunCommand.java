package dev.streamwall.runner.run;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code streamwall run JOB --file FILE}: a job over a recorded file, start to end. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Run a job over a recorded CSV file, start to end, and print what it read, rejected"
                        + " and wrote.",
        subcommands = {
            PitwallRunCommand.class,
            FactoryRunCommand.class,
            CityflowRunCommand.class,
            CommandLine.HelpCommand.class
        })
public final class RunCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "Missing job: use 'pitwall', 'factory' or 'cityflow'.");
    }
}
