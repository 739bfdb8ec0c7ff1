package dev.streamwall.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The local MiniCluster the demo runs a job on: 2 slots, checkpoints, and the Prometheus reporter.
 */
public final class LocalFlink {

    private LocalFlink() {}

    public static Configuration configuration(int parallelism, int metricsPort, Path checkpoints) {
        Map<String, String> c = new HashMap<>();
        c.put("parallelism.default", Integer.toString(parallelism));
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(parallelism));
        c.put("execution.checkpointing.interval", "5 s");
        c.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        c.put(
                "execution.checkpointing.savepoint-dir",
                checkpoints.resolve("savepoints").toUri().toString());
        c.put("state.backend.type", "hashmap");
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", "3");
        c.put("restart-strategy.fixed-delay.delay", "2 s");
        c.put(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        c.put("metrics.reporter.prom.port", Integer.toString(metricsPort));
        c.put("metrics.reporter.prom.interval", "1 s");
        c.put("pipeline.auto-watermark-interval", "200 ms");
        c.put("taskmanager.memory.network.min", "64 mb");
        c.put("taskmanager.memory.network.max", "64 mb");
        c.put("taskmanager.memory.managed.size", "32 mb");
        return Configuration.fromMap(c);
    }

    public static StreamExecutionEnvironment environment(Configuration conf) {
        return StreamExecutionEnvironment.createLocalEnvironment(conf);
    }
}
