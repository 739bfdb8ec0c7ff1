package dev.streamwall.runner;

import dev.streamwall.scenarios.cityflow.CityflowEvaluation;
import dev.streamwall.scenarios.factory.FactoryEvaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code streamwall evaluate JOB}: scores a job's output against the generator's ground truth. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Score a job's decisions against the generator's ground truth.",
            "A recording of your own is scored by `streamwall run JOB --file FILE --labels ...` as"
                    + " it runs, and again without running by adding --keep --score-only (or"
                    + " --jdbc-url URL --score-only)."
        },
        subcommands = {
            CityflowEvaluation.class,
            FactoryEvaluation.class,
            CommandLine.HelpCommand.class
        })
public final class EvaluateCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing job: use 'city' or 'factory'.");
    }
}
