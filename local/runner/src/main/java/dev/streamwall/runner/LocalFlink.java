package dev.streamwall.runner;

import dev.streamwall.embedded.LocalFlinkConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The local MiniCluster the demo runs a job on: the shipped {@code flink-conf/config.yaml}
 * (RocksDB, exactly-once checkpoints, the Prometheus reporter) with paths under the work directory.
 */
public final class LocalFlink {

    private LocalFlink() {}

    public static Configuration configuration(int parallelism, int metricsPort, Path workDir) {
        return LocalFlinkConfig.local(
                workDir, parallelism, Integer.toString(metricsPort), Map.of());
    }

    public static StreamExecutionEnvironment environment(Configuration conf) {
        return StreamExecutionEnvironment.createLocalEnvironment(conf);
    }
}
