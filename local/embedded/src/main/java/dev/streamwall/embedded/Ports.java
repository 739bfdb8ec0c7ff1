package dev.streamwall.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Local TCP port checks behind "the well-known port when it is free, otherwise a random one". */
public final class Ports {

    private Ports() {}

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

    /** A port that was free a moment ago (another process may take it before it is used). */
    public static int randomFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }
}
