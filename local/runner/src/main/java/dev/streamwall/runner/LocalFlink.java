package dev.streamwall.runner;

import dev.streamwall.embedded.LocalFlinkConfig;
import dev.streamwall.embedded.Ports;
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

    /**
     * @param stateBackend {@code hashmap} or {@code rocksdb}: on one laptop JVM shared with the
     *     broker and the generator, heap state sustains about twice the pitwall throughput of
     *     RocksDB (measured: 19.8k against 10.9k events/s at --speed 10)
     */
    public static Configuration configuration(
            int parallelism, int metricsPort, Path workDir, String stateBackend) {
        if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
            throw new IllegalArgumentException(
                    "--state-backend must be hashmap or rocksdb, got " + stateBackend);
        }
        return LocalFlinkConfig.local(
                workDir,
                parallelism,
                Integer.toString(metricsPort),
                Map.of("state.backend.type", stateBackend));
    }

    /** The first port the local Flink Web UI tries; the next free one up to {@link #UI_LAST}. */
    public static final int UI_PORT = 8081;

    public static final int UI_LAST = 8099;

    /**
     * Serves Flink's Web UI (job graph, watermarks, back pressure, checkpoints) from the
     * MiniCluster's REST endpoint on {@code port}, on this machine only: bound to the loopback
     * interface, without jar upload. Returns {@code conf}.
     */
    public static Configuration withWebUi(Configuration conf, int port) {
        conf.setString("rest.port", Integer.toString(port));
        conf.setString("rest.address", "localhost");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("web.submit.enable", "false");
        // The MiniCluster's RPC, blob and data ports too: nothing of a local run listens beyond
        // this machine (the Prometheus reporter has no bind option and still does).
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("jobmanager.rpc.address", "localhost");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "localhost");
        return conf;
    }

    /**
     * The first free port of {@code [preferred, last]}; exits the command with one line when all
     * are taken.
     */
    public static int freePort(int preferred, int last, String what) {
        int port = Ports.firstFree(preferred, last);
        if (port < 0) {
            throw new IllegalStateException(
                    "ports "
                            + preferred
                            + "-"
                            + last
                            + " are all in use: no port for "
                            + what
                            + " (stop what uses them, or choose another port)");
        }
        return port;
    }

    public static StreamExecutionEnvironment environment(Configuration conf) {
        return StreamExecutionEnvironment.createLocalEnvironment(conf);
    }
}
