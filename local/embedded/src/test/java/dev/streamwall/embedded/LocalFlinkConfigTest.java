package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.junit.jupiter.api.Test;

/** flink-conf/config.yaml: Flink parses it, knows every key, and the local variant keeps it. */
class LocalFlinkConfigTest {

    /** The option classes that define the keys the file may use. */
    private static final List<Class<?>> OPTION_CLASSES =
            List.of(
                    CheckpointingOptions.class,
                    CoreOptions.class,
                    JobManagerOptions.class,
                    MetricOptions.class,
                    PipelineOptions.class,
                    RestartStrategyOptions.class,
                    StateBackendOptions.class,
                    TaskManagerOptions.class,
                    org.apache.flink.configuration.ExecutionOptions.class,
                    org.apache.flink.configuration.HighAvailabilityOptions.class,
                    org.apache.flink.configuration.RestOptions.class,
                    org.apache.flink.configuration.WebOptions.class);

    /** Reporter-scoped keys: {@code metrics.reporter.<name>.<suffix>}. */
    private static final Set<String> REPORTER_SUFFIXES =
            Set.of(
                    "factory.class",
                    "interval",
                    "scope.delimiter",
                    "scope.variables.excludes",
                    "scope.variables.additional",
                    "filter.includes",
                    "filter.excludes",
                    // PrometheusReporter's own options
                    "port",
                    "filterLabelValueCharacters");

    @Test
    void everyKeyIsAnOptionFlinkKnows() throws Exception {
        Set<String> known = new HashSet<>();
        for (Class<?> c : OPTION_CLASSES) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers())
                        && ConfigOption.class.isAssignableFrom(f.getType())) {
                    ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                    known.add(option.key());
                    for (FallbackKey k : option.fallbackKeys()) {
                        known.add(k.getKey());
                    }
                }
            }
        }
        Configuration shipped = LocalFlinkConfig.shipped();
        assertThat(shipped.keySet()).isNotEmpty();
        for (String key : shipped.keySet()) {
            if (key.startsWith("metrics.reporter.")) {
                String suffix = key.substring("metrics.reporter.".length());
                suffix = suffix.substring(suffix.indexOf('.') + 1);
                assertThat(REPORTER_SUFFIXES).as("reporter option %s", key).contains(suffix);
            } else {
                assertThat(known).as("%s is not a Flink option (a typo?)", key).contains(key);
            }
        }
    }

    @Test
    void shipsExactlyOnceRocksDbIncrementalCheckpointsAndThePrometheusReporter() {
        Configuration c = LocalFlinkConfig.shipped();
        assertThat(c.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(c.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(c.getString("execution.checkpointing.mode", null)).isEqualTo("EXACTLY_ONCE");
        assertThat(c.getString("execution.checkpointing.externalized-checkpoint-retention", null))
                .isEqualTo("RETAIN_ON_CANCELLATION");
        assertThat(c.get(PipelineOptions.MAX_PARALLELISM)).isEqualTo(128);
        assertThat(c.getString("metrics.reporter.prom.factory.class", null))
                .isEqualTo(PrometheusReporterFactory.class.getName());
        assertThat(c.getString("metrics.reporter.prom.port", null)).startsWith("9249");
    }

    @Test
    void theLocalVariantChangesOnlyPathsPortsSlotsMemoryAndTheReportersAddress(
            @org.junit.jupiter.api.io.TempDir Path dir) {
        Configuration shipped = LocalFlinkConfig.shipped();
        Configuration local =
                LocalFlinkConfig.local(dir, 2, "9300", Map.of("restart-strategy.type", "none"));

        assertThat(local.getString("execution.checkpointing.dir", null))
                .isEqualTo(dir.resolve("checkpoints").toUri().toString());
        assertThat(local.getString("metrics.reporter.prom.port", null)).isEqualTo("9300");
        assertThat(local.getString("metrics.reporter.prom.factory.class", null))
                .as("on this machine only")
                .isEqualTo(LoopbackPrometheusReporter.Factory.class.getName());
        assertThat(local.getString("restart-strategy.type", null)).isEqualTo("none");
        Set<String> changed =
                Set.of(
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir",
                        "parallelism.default",
                        "taskmanager.numberOfTaskSlots",
                        "metrics.reporter.prom.port",
                        "metrics.reporter.prom.factory.class",
                        "restart-strategy.type");
        for (String key : shipped.keySet()) {
            if (changed.contains(key) || key.contains(".memory.")) {
                continue;
            }
            assertThat(local.getString(key, null)).as(key).isEqualTo(shipped.getString(key, null));
        }
        assertThat(LocalFlinkConfig.local(dir, 2, null, Map.of()).keySet())
                .noneMatch(k -> k.startsWith("metrics.reporter."));
    }
}
