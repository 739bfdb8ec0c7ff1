package dev.streamwall.embedded;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Properties;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.PortRange;

/**
 * Flink's Prometheus reporter, serving on the loopback interface only: the reporter Flink ships
 * binds every interface and has no host option. Used by the local runs ({@code demo}, {@code run},
 * the tests) on a developer's machine; clusters keep Flink's own, reached through the pod network.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {

    private final HTTPServer server;
    private final int port;

    LoopbackPrometheusReporter(Iterator<Integer> ports) {
        CollectorRegistry registry = registryOf(this);
        HTTPServer started = null;
        int bound = -1;
        while (ports.hasNext() && started == null) {
            int candidate = ports.next();
            try {
                started =
                        new HTTPServer(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate),
                                registry,
                                true);
                bound = candidate;
            } catch (IOException taken) {
                log.debug("Port {} is taken; trying the next", candidate);
            }
        }
        if (started == null) {
            throw new IllegalStateException(
                    "The Prometheus reporter found no free port in its range on 127.0.0.1");
        }
        this.server = started;
        this.port = bound;
        log.info("Prometheus reporter serving on 127.0.0.1:{}", bound);
    }

    /** The port it serves on. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }

    /** The registry the base class fills (package-private there). */
    private static CollectorRegistry registryOf(AbstractPrometheusReporter reporter) {
        try {
            Field f = AbstractPrometheusReporter.class.getDeclaredField("registry");
            f.setAccessible(true);
            return (CollectorRegistry) f.get(reporter);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "flink-metrics-prometheus changed: its reporter's registry is not where"
                            + " LoopbackPrometheusReporter reads it",
                    e);
        }
    }

    /** {@code metrics.reporter.NAME.factory.class}; takes {@code port} (a port or a range). */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            String ports = properties.getProperty("port", "9249");
            return new LoopbackPrometheusReporter(new PortRange(ports).getPortsIterator());
        }
    }
}
