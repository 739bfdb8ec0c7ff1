package dev.streamwall.embedded;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mixin of an ITCase that runs job graphs: a MiniCluster per test class with the shipped {@code
 * flink-conf/config.yaml} (RocksDB, exactly-once checkpoints), one TaskManager with 2 slots, no
 * restarts (a failure fails the test at once) and the Prometheus reporter on the ports {@link
 * #PROMETHEUS_PORT} to {@link #PROMETHEUS_LAST_PORT}, from one that was free when the tests started
 * (the JobManager and the TaskManager each bind one).
 */
public interface MiniClusterTest {

    /** The first of the Prometheus reporters' ports, chosen once per test JVM. */
    int PROMETHEUS_PORT = Ports.randomFreePort();

    /** The last port the reporters may take. */
    int PROMETHEUS_LAST_PORT = PROMETHEUS_PORT + 4;

    @RegisterExtension
    MiniClusterExtension FLINK = miniCluster(PROMETHEUS_PORT + "-" + PROMETHEUS_LAST_PORT);

    /** A MiniCluster extension with the shipped configuration; {@code metricsPorts} may be null. */
    static MiniClusterExtension miniCluster(String metricsPorts) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .setConfiguration(LocalFlinkConfig.forTests(metricsPorts))
                        .build());
    }
}
