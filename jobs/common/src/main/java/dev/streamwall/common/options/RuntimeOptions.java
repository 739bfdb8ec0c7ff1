package dev.streamwall.common.options;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Option;

/** The options every job has for how it runs: parallelism, key groups and its name. */
public class RuntimeOptions {

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Job parallelism (default: the cluster's parallelism.default).")
    public Integer parallelism;

    @Option(
            names = "--max-parallelism",
            paramLabel = "N",
            defaultValue = "128",
            description =
                    "Key groups: the most the job can ever be rescaled to; fixed once state exists (default: ${DEFAULT-VALUE}).")
    public int maxParallelism;

    @Option(names = "--job-name", description = "Flink job name (default: ${DEFAULT-VALUE}).")
    public String jobName;

    public RuntimeOptions(String defaultJobName) {
        this.jobName = defaultJobName;
    }

    /** Sets the parallelism (when given) and the key groups on {@code env}. */
    public void apply(StreamExecutionEnvironment env) {
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        env.setMaxParallelism(maxParallelism);
    }
}
