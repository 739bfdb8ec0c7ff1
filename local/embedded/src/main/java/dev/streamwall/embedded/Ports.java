package dev.streamwall.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Local TCP port checks behind "the well-known port when it is free, otherwise a random one". */
public final class Ports {

    private static final Logger LOG = LoggerFactory.getLogger(Ports.class);

    private Ports() {}

    /** {@code port} if it is a TCP port or 0 (random); otherwise an IllegalArgumentException. */
    public static int checkPreferred(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
        return port;
    }

    /**
     * Starts {@code server} (named {@code what} in the log) on {@code preferredPort} when that port
     * is free and the start succeeds there, otherwise on a random port ({@code startOn(0)}).
     */
    public static <T> T startPreferring(int preferredPort, String what, IntFunction<T> startOn) {
        if (preferredPort > 0) {
            if (isFree(preferredPort)) {
                try {
                    return startOn.apply(preferredPort);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "{} could not start on port {}; using a random port",
                            what,
                            preferredPort,
                            e);
                }
            } else {
                LOG.info("Port {} is taken; {} uses a random port", preferredPort, what);
            }
        }
        return startOn.apply(0);
    }

    /**
     * The first port of {@code [from, to]} that is free right now (a port in use by another program
     * is skipped), or -1 when all are taken. Another process may still take it before it is used.
     */
    public static int firstFree(int from, int to) {
        for (int port = checkPreferred(from); port <= to; port++) {
            if (isFree(port)) {
                return port;
            }
        }
        return -1;
    }

    /** Whether a server socket can bind {@code port} on all interfaces right now. */
    public static boolean isFree(int port) {
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port that was free a moment ago, below the range the system hands out for port 0: a server
     * that binds port 0 in the meantime (a Kafka listener, an RPC endpoint) cannot be given it, as
     * happened to a demo's metrics port in CI, whose scrapes then reached a server that was not
     * HTTP. Another process may still take it before it is used.
     */
    public static int randomFreePort() {
        int below = ephemeralLow();
        java.util.concurrent.ThreadLocalRandom random =
                java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(Math.max(1025, below - 12_000), below - 16);
            if (isFree(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }

    /** The first port of the system's range for port 0 (Linux: ip_local_port_range), or 32768. */
    private static int ephemeralLow() {
        try {
            String range =
                    java.nio.file.Files.readString(
                                    java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                            .trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > 14_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
