package dev.streamwall.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.Eventually;
import dev.streamwall.embedded.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a demo opens on this machine listens on the loopback interface only: the broker's every
 * listener, the database, Flink's REST endpoint and RPC, the Prometheus reporter. Read from the
 * kernel's socket table for this JVM, as {@code ss -ltn} shows it.
 */
class LoopbackOnlyITCase {

    /** A listening TCP socket: its local address as the kernel writes it, and its port. */
    record Listener(String address, int port) {
        boolean loopback() {
            // IPv4 127.x (little-endian hex), ::1, or ::ffff:127.x
            return address.length() == 8
                    ? address.endsWith("7F")
                    : address.equals("00000000000000000000000001000000")
                            || (address.startsWith("0000000000000000FFFF0000")
                                    && address.endsWith("7F"));
        }
    }

    /** The listening sockets this JVM holds, by inode. */
    static Map<String, Listener> listeners() throws IOException {
        Set<String> mine = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        mine.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        Map<String, Listener> found = new java.util.HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] f = line.trim().split("\\s+");
                String inode = f[9];
                if (f[3].equals("0A") && mine.contains(inode)) {
                    String[] local = f[1].split(":");
                    found.put(inode, new Listener(local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return found;
    }

    @Test
    void everythingADemoStartsListensOnLoopbackOnly(@TempDir Path dir) throws Exception {
        Set<String> before = listeners().keySet();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        try (LocalServers servers = LocalServers.start(null, null, null, "loopback", quiet)) {
            int metricsPort = Ports.randomFreePort();
            int uiPort =
                    LocalFlink.freePort(LocalFlink.UI_PORT, LocalFlink.UI_LAST, "the Flink Web UI");
            StreamExecutionEnvironment env =
                    LocalFlink.environment(
                            LocalFlink.withWebUi(
                                    LocalFlink.configuration(1, metricsPort, dir, "hashmap"),
                                    uiPort));
            env.fromSequence(0, Long.MAX_VALUE)
                    .uid("numbers")
                    .name("numbers")
                    .sinkTo(new DiscardingSink<>())
                    .uid("discard")
                    .name("discard");
            JobClient job = env.executeAsync("loopback-check");
            try {
                Eventually.waitFor(
                        () -> listeners().values().stream().anyMatch(l -> l.port() == metricsPort),
                        Duration.ofSeconds(30));
                List<Listener> opened = new ArrayList<>();
                listeners()
                        .forEach(
                                (inode, l) -> {
                                    if (!before.contains(inode)) {
                                        opened.add(l);
                                    }
                                });
                assertThat(opened)
                        .as("listeners opened by Kafka, Flink and the reporter")
                        .extracting(Listener::port)
                        .contains(
                                metricsPort,
                                uiPort,
                                Integer.parseInt(
                                        servers.bootstrapServers.substring(
                                                servers.bootstrapServers.indexOf(':') + 1)));
                assertThat(opened.size()).isGreaterThanOrEqualTo(5);
                assertThat(opened)
                        .allSatisfy(l -> assertThat(l.loopback()).as(l.toString()).isTrue());
            } finally {
                job.cancel().get();
            }
            Properties p = new Properties();
            p.setProperty("user", servers.jdbcUser);
            p.setProperty("password", servers.jdbcPassword);
            try (Connection c = DriverManager.getConnection(servers.jdbcUrl, p);
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SHOW listen_addresses")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("localhost");
            }
        }
    }
}
