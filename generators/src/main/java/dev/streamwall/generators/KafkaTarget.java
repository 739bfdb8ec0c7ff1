package dev.streamwall.generators;

import dev.streamwall.common.options.KafkaClient;
import dev.streamwall.common.options.KafkaClientOptions;
import dev.streamwall.generators.wire.WirePublisher;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Kafka a command writes to: {@code --kafka} and the client settings of {@code
 * --kafka-properties} / {@code --kafka-property} (TLS, SASL), as in every streamwall job (a picocli
 * mixin). The old spelling {@code --bootstrap-servers} still works and says so.
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

    /** {@code --kafka-properties} and {@code --kafka-property}, as the jobs take them. */
    @Mixin public KafkaClientOptions clientOptions = new KafkaClientOptions();

    /**
     * The servers and client settings, as the jobs read them.
     *
     * @throws IllegalArgumentException naming the file, key or variable that is wrong
     */
    public KafkaClient client() {
        try {
            return clientOptions.client(bootstrapServers, System.getenv());
        } catch (IllegalArgumentException e) {
            if (mixee == null || mixee.commandLine() == null) {
                throw e;
            }
            // A usage error: one line and exit code 2, not a stack trace.
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    /** How to publish to {@code topic} of this Kafka at {@code pacing}'s pace. */
    public WirePublisher.Options publishing(String topic, Pacing pacing) {
        return new WirePublisher.Options(
                        bootstrapServers, topic, pacing.speed, pacing.rate, pacing.max)
                .withClientSettings(client().settingsMap());
    }

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
