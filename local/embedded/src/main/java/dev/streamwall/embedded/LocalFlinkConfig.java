package dev.streamwall.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * The repository's {@code flink-conf/config.yaml}, as shipped to clusters, adapted to a MiniCluster
 * in this JVM: only paths, ports, slots and memory change, so the demo and the ITCases run with the
 * checkpointing, state backend, restart strategy and metrics settings users deploy.
 */
public final class LocalFlinkConfig {

    /** Where the build puts {@code flink-conf/config.yaml} inside this module's jar. */
    public static final String RESOURCE = "streamwall/flink-conf/config.yaml";

    private LocalFlinkConfig() {}

    /** The shipped configuration, unchanged. */
    public static Configuration shipped() {
        try (InputStream in =
                LocalFlinkConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE
                                + " is not on the classpath; build the streamwall-embedded module"
                                + " (it copies flink-conf/config.yaml into its jar)");
            }
            // GlobalConfiguration parses Flink's nested YAML exactly as a cluster does; it reads a
            // directory, so the file goes through a temporary one.
            Path dir = Files.createTempDirectory("streamwall-flink-conf");
            try {
                Files.copy(
                        in,
                        dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME),
                        StandardCopyOption.REPLACE_EXISTING);
                return GlobalConfiguration.loadConfiguration(dir.toString());
            } finally {
                Files.deleteIfExists(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The shipped configuration for a MiniCluster: checkpoints and savepoints under {@code
     * workDir}, {@code parallelism} slots, the Prometheus reporter on {@code metricsPorts} (a port
     * or a range such as {@code 9250-9269}; null: no reporter), and memory sized for a laptop.
     *
     * @param overrides test-specific settings applied last, such as {@code restart-strategy.type:
     *     none} so a failure surfaces at once
     */
    public static Configuration local(
            Path workDir, int parallelism, String metricsPorts, Map<String, String> overrides) {
        Configuration c = shipped();
        c.setString(
                "execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
        c.setString(
                "execution.checkpointing.savepoint-dir",
                workDir.resolve("savepoints").toUri().toString());
        c.setString("parallelism.default", Integer.toString(parallelism));
        c.setString("taskmanager.numberOfTaskSlots", Integer.toString(parallelism));
        // A MiniCluster shares this JVM's heap: the process sizes describe separate processes.
        c.removeKey("jobmanager.memory.process.size");
        c.removeKey("taskmanager.memory.process.size");
        c.removeKey("taskmanager.memory.managed.fraction");
        c.setString("taskmanager.memory.managed.size", "128 mb");
        c.setString("taskmanager.memory.network.min", "64 mb");
        c.setString("taskmanager.memory.network.max", "64 mb");
        if (metricsPorts == null) {
            for (String key : c.keySet()) {
                if (key.startsWith("metrics.reporter.")) {
                    c.removeKey(key);
                }
            }
        } else {
            c.setString("metrics.reporter.prom.port", metricsPorts);
            // This machine only: Flink's reporter binds every interface.
            c.setString(
                    "metrics.reporter.prom.factory.class",
                    LoopbackPrometheusReporter.Factory.class.getName());
        }
        overrides.forEach(c::setString);
        return c;
    }

    /**
     * The local variant for a MiniCluster ITCase: parallelism 2, checkpoints in a fresh directory
     * under {@code java.io.tmpdir}, and no restarts, so that a failure fails the test at once.
     *
     * @param metricsPorts a port range for the Prometheus reporter, or null for none
     */
    public static Configuration forTests(String metricsPorts) {
        try {
            Path dir = Files.createTempDirectory("streamwall-flink-");
            return local(dir, 2, metricsPorts, Map.of("restart-strategy.type", "none"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
