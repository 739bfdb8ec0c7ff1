package dev.streamwall.common.job;

import dev.streamwall.common.options.JdbcOptions;
import dev.streamwall.common.options.KafkaOptions;
import dev.streamwall.common.options.RuntimeOptions;
import dev.streamwall.common.sink.Outputs;
import picocli.CommandLine.Mixin;

/**
 * The options every job has: Kafka and event time, the database, and how it runs. A job's own
 * options class extends it with its topics and model parameters.
 */
public abstract class JobOptions {

    @Mixin public KafkaOptions kafka = new KafkaOptions();

    @Mixin public JdbcOptions jdbc = new JdbcOptions();

    @Mixin public RuntimeOptions runtime;

    protected JobOptions(String defaultJobName) {
        this.runtime = new RuntimeOptions(defaultJobName);
    }

    /** Where the job's outputs go: the database unless {@code --no-jdbc}, and Kafka. */
    public Outputs.Targets targets() {
        return new Outputs.Targets(
                jdbc.disabled ? null : jdbc.settings(), kafka.client(), kafka.delivery);
    }
}
