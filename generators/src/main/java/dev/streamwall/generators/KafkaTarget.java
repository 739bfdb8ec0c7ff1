package dev.streamwall.generators;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Kafka a command writes to: {@code --kafka}, as in every streamwall command (a picocli mixin).
 * The old spelling {@code --bootstrap-servers} still works and says so.
 */
public final class KafkaTarget {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrapServers;

    @Option(names = "--bootstrap-servers", hidden = true, paramLabel = "HOST:PORT[,...]")
    void oldName(String servers) {
        bootstrapServers = servers;
        String warning = ": --bootstrap-servers is now --kafka; the old name will be removed";
        if (mixee == null || mixee.commandLine() == null) {
            System.err.println("streamwall" + warning);
        } else {
            mixee.commandLine().getErr().println(mixee.qualifiedName() + warning);
            mixee.commandLine().getErr().flush();
        }
    }
}
