package dev.streamwall.generators.replay;

import dev.streamwall.generators.KafkaTarget;
import dev.streamwall.generators.Pacing;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A {@code replay} command: a recorded CSV file ({@code --file}), read by the job's file format
 * options, into a topic of the Kafka named by {@code --kafka}, paced by {@code --speed}, {@code
 * --rate} and {@code --max}. A job's command gives its default topic and adds its format.
 */
public abstract class ReplayCommand implements Callable<Integer> {

    @Spec protected CommandSpec spec;

    @Option(names = "--file", required = true, description = "The CSV file.")
    protected Path file;

    @Mixin protected KafkaTarget kafka = new KafkaTarget();

    @Mixin protected Pacing pacing = new Pacing();

    @Option(names = "--topic", description = "Readings topic (default: ${DEFAULT-VALUE}).")
    protected String topic;

    /**
     * @param defaultTopic the topic the rows go to unless {@code --topic} names another
     */
    protected ReplayCommand(String defaultTopic) {
        this.topic = defaultTopic;
    }

    /**
     * The mapper the format options describe.
     *
     * @throws IllegalArgumentException when the options do not describe one
     */
    protected abstract CsvReplay.RowMapper mapper();

    /** The replay the options describe; a usage error (exit code 2) when they are wrong. */
    public CsvReplay replay() {
        try {
            return new CsvReplay(file, mapper(), kafka.publishing(topic, pacing));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        return ReplayRun.run(
                "replay " + spec.name(),
                file
                        + " to "
                        + kafka.bootstrapServers
                        + " (topic "
                        + topic
                        + "), "
                        + pacing.describe(),
                replay(),
                spec.commandLine().getErr());
    }
}
