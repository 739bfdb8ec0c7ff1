package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void boundPortIsNotFreeUntilClosed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
        }
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void rejectsNonPorts() {
        assertThatThrownBy(() -> Ports.isFree(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ports.isFree(70_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
