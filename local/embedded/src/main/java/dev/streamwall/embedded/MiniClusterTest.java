package dev.streamwall.embedded;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mixin of an ITCase that runs job graphs: a MiniCluster per test class with the shipped {@code
 * flink-conf/config.yaml} (RocksDB, exactly-once checkpoints), one TaskManager with 2 slots, no
 * restarts (a failure fails the test at once) and the Prometheus reporter on {@link
 * #PROMETHEUS_PORT}, a port that was free when the tests started.
 */
public interface MiniClusterTest {

    /** The Prometheus reporter's port, chosen once per test JVM. */
    int PROMETHEUS_PORT = Ports.randomFreePort();

    @RegisterExtension MiniClusterExtension FLINK = miniCluster(Integer.toString(PROMETHEUS_PORT));

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
