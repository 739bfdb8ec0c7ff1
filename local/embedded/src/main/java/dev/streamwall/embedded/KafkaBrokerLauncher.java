package dev.streamwall.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the broker of an {@link EmbeddedKafka}: Kafka's KRaft test kit with one combined node,
 * listening on {@code localhost} only, with an extra listener on a fixed port and a SCRAM listener
 * when asked for.
 */
final class KafkaBrokerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Extra PLAINTEXT listener on a fixed port; the test kit binds its own on a random port. */
    private static final String FIXED_PORT_LISTENER = "CLIENT";

    /** Extra SASL_PLAINTEXT listener with SCRAM-SHA-256 logins, when the builder asks for it. */
    private static final String SCRAM_LISTENER = "SCRAM";

    /**
     * One broker: every internal topic has one replica, and consumer groups start at once. The
     * controller fences a broker that misses heartbeats for 3 s (9 s by default): a restarted
     * broker registers again only once its old session has ended, so this is most of what a restart
     * costs.
     */
    private static final Map<String, String> SINGLE_NODE_CONFIG =
            Map.of(
                    "offsets.topic.replication.factor", "1",
                    "offsets.topic.num.partitions", "1",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "transaction.state.log.num.partitions", "1",
                    "share.coordinator.state.topic.replication.factor", "1",
                    "share.coordinator.state.topic.min.isr", "1",
                    "group.initial.rebalance.delay.ms", "0",
                    "broker.heartbeat.interval.ms", "500",
                    "broker.session.timeout.ms", "3000");

    static EmbeddedKafka launch(
            int fixedPort, Path baseDirectory, boolean scram, Map<String, String> brokerConfig) {
        long started = System.nanoTime();
        Path dataDirectory = createDataDirectory(baseDirectory);
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes =
                    new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                            .setBaseDirectory(dataDirectory)
                            .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            SINGLE_NODE_CONFIG.forEach(builder::setConfigProp);
            int scramPort = scram ? Ports.randomFreePort() : 0;
            if (fixedPort > 0 || scram) {
                extraListeners(nodes, fixedPort, scramPort).forEach(builder::setConfigProp);
            }
            brokerConfig.forEach(builder::setConfigProp);
            cluster = builder.build();
            loopbackOnly(cluster);
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrapServers =
                    fixedPort > 0 ? "localhost:" + fixedPort : cluster.bootstrapServers();
            int port = Integer.parseInt(bootstrapServers.substring("localhost:".length()));
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, dataDirectory, bootstrapServers, port);
            if (scram) {
                kafka.enableScram(scramPort);
            }
            LOG.info(
                    "Kafka broker {} started in {} ms (data in {})",
                    bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    dataDirectory);
            return kafka;
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            EmbeddedKafka.deleteQuietly(dataDirectory);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not start the embedded Kafka broker", e);
        }
    }

    /**
     * The test kit opens its broker and controller sockets before the servers start, bound to every
     * interface; closed again here, the servers bind the same ports on the listeners' host, {@code
     * localhost}, as they start (the kit reopens a closed socket that way), so nothing of the
     * broker is reachable from another machine.
     */
    private static void loopbackOnly(KafkaClusterTestKit cluster) throws Exception {
        Field manager = KafkaClusterTestKit.class.getDeclaredField("socketFactoryManager");
        manager.setAccessible(true);
        Object sockets = manager.get(cluster);
        Field byNode = sockets.getClass().getDeclaredField("sockets");
        byNode.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<Integer, Map<String, ServerSocketChannel>> channels =
                (Map<Integer, Map<String, ServerSocketChannel>>) byNode.get(sockets);
        synchronized (sockets) {
            for (var node : channels.values()) {
                for (var channel : node.values()) {
                    channel.close();
                }
            }
        }
    }

    /**
     * The test kit binds its client listener to a pre-opened random port, so a fixed port is a
     * second PLAINTEXT listener that clients reach on {@code localhost}; the broker advertises to
     * each client the listener it connected on. A SCRAM listener is one more, on {@code scramPort},
     * SASL_PLAINTEXT with SCRAM-SHA-256 logins (the users are created after start).
     */
    private static Map<String, String> extraListeners(
            TestKitNodes nodes, int fixedPort, int scramPort) {
        String broker = nodes.brokerListenerName().value();
        String controller = nodes.controllerListenerName().value();
        StringBuilder listeners =
                new StringBuilder(
                        String.format("%s://localhost:0,%s://localhost:0", broker, controller));
        StringBuilder protocols =
                new StringBuilder(
                        String.format(
                                "%s:%s,%s:%s",
                                broker,
                                nodes.brokerListenerProtocol().name,
                                controller,
                                nodes.controllerListenerProtocol().name));
        Map<String, String> config = new LinkedHashMap<>();
        if (fixedPort > 0) {
            listeners.append(String.format(",%s://localhost:%d", FIXED_PORT_LISTENER, fixedPort));
            protocols.append(",").append(FIXED_PORT_LISTENER).append(":PLAINTEXT");
        }
        if (scramPort > 0) {
            listeners.append(String.format(",%s://localhost:%d", SCRAM_LISTENER, scramPort));
            protocols.append(",").append(SCRAM_LISTENER).append(":SASL_PLAINTEXT");
            config.put("sasl.enabled.mechanisms", "SCRAM-SHA-256");
            config.put(
                    "listener.name."
                            + SCRAM_LISTENER.toLowerCase(Locale.ROOT)
                            + ".scram-sha-256.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        config.put("listeners", listeners.toString());
        config.put("listener.security.protocol.map", protocols.toString());
        return config;
    }

    private static Path createDataDirectory(Path baseDirectory) {
        Path base =
                baseDirectory != null
                        ? baseDirectory
                        : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a Kafka data directory in " + base, e);
        }
    }

    private KafkaBrokerLauncher() {}
}
