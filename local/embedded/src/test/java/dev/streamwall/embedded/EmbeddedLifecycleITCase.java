package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starts and stops its own servers, to check ports, fallbacks and clean-up. */
class EmbeddedLifecycleITCase {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private Path base;

    @BeforeEach
    void createBaseDirectory() throws IOException {
        // Not @TempDir: that lands in /tmp, because the JDK reads java.io.tmpdir before
        // Failsafe sets it.
        base =
                Files.createTempDirectory(
                        Path.of(System.getProperty("java.io.tmpdir")), "lifecycle-");
    }

    @AfterEach
    void baseDirectoryIsLeftEmpty() throws IOException {
        assertThat(base).isEmptyDirectory();
        Files.delete(base);
    }

    @Test
    void aRestartedKafkaBrokerServesItsTopicsOnTheSamePort() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().baseDirectory(base).start()) {
            String servers = kafka.bootstrapServers();
            kafka.createTopics(Map.of("laps", 2));
            KafkaTestUtils.produce(servers, "laps", List.of(KeyValue.of("car-44", "lap 1")));

            Duration away = kafka.restartBroker(Duration.ofSeconds(1));

            assertThat(away).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(kafka.bootstrapServers()).isEqualTo(servers);
            KafkaTestUtils.produce(servers, "laps", List.of(KeyValue.of("car-44", "lap 2")));
            assertThat(KafkaTestUtils.consume(servers, "laps", 2, READ_TIMEOUT))
                    .extracting(ConsumedRecord::value)
                    .containsExactlyInAnyOrder("lap 1", "lap 2");
        }
    }

    @Test
    void kafkaUsesAFreePreferredPortAndReleasesItOnClose() {
        int preferred = Ports.randomFreePort();
        Path dataDirectory;
        try (EmbeddedKafka kafka =
                EmbeddedKafka.builder().preferredPort(preferred).baseDirectory(base).start()) {
            dataDirectory = kafka.dataDirectory();
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + preferred);
            assertThat(dataDirectory).startsWith(base).isDirectory();

            kafka.createTopics(Map.of("laps", 2, "alerts", 1));
            KafkaTestUtils.produce(
                    kafka.bootstrapServers(), "laps", List.of(KeyValue.of("car-44", "lap 1")));

            assertThat(kafka.listTopics()).contains("laps", "alerts");
            assertThat(KafkaTestUtils.consume(kafka.bootstrapServers(), "laps", 1, READ_TIMEOUT))
                    .extracting(ConsumedRecord::value)
                    .containsExactly("lap 1");
            assertThat(Ports.isFree(preferred)).isFalse();
        }

        assertThat(Ports.isFree(preferred)).isTrue();
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void kafkaFallsBackToARandomPortWhenThePreferredOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
                EmbeddedKafka kafka =
                        EmbeddedKafka.builder()
                                .preferredPort(taken.getLocalPort())
                                .baseDirectory(base)
                                .start()) {
            assertThat(kafka.port()).isNotEqualTo(taken.getLocalPort()).isPositive();
            kafka.createTopic("fallback", 1);
            KafkaTestUtils.produce(
                    kafka.bootstrapServers(), "fallback", List.of(KeyValue.of("k", "v")));
            assertThat(
                            KafkaTestUtils.consume(
                                    kafka.bootstrapServers(), "fallback", 1, READ_TIMEOUT))
                    .hasSize(1);
        }
    }

    @Test
    void postgresUsesAFreePreferredPortAndReleasesItOnClose() throws Exception {
        int preferred = Ports.randomFreePort();
        Path dataDirectory;
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().preferredPort(preferred).baseDirectory(base).start()) {
            dataDirectory = postgres.dataDirectory();
            assertThat(postgres.port()).isEqualTo(preferred);
            assertThat(dataDirectory).startsWith(base);
            assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();

            String url = postgres.createDatabase("lifecycle");
            assertThat(url)
                    .isEqualTo(
                            "jdbc:postgresql://localhost:"
                                    + preferred
                                    + "/lifecycle?user=postgres");
            try (Connection connection = postgres.connect("lifecycle");
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT current_database(), 6 * 7")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("lifecycle");
                assertThat(row.getInt(2)).isEqualTo(42);
            }
        }

        assertThat(Ports.isFree(preferred)).isTrue();
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void postgresFallsBackToARandomPortWhenThePreferredOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
                EmbeddedPostgres postgres =
                        EmbeddedPostgres.builder()
                                .preferredPort(taken.getLocalPort())
                                .baseDirectory(base)
                                .start();
                Connection connection = postgres.connect("postgres")) {
            assertThat(postgres.port()).isNotEqualTo(taken.getLocalPort());
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    /**
     * A password shuts trust out, over TCP and the Unix socket; a kept data directory keeps its
     * data and its password across restarts, and only on the loopback interface.
     */
    @Test
    void postgresWithAPasswordLetsNobodyInWithoutItAndKeepsItsData(
            @org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
        // Not under `base`, which must be empty after each test: kept data stays.
        Path kept = elsewhere.resolve("kept");
        String url;
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().keptIn(kept).password("s3cret-1").start()) {
            url = postgres.recreateDatabase("kept_results");
            try (Connection c = postgres.connect("kept_results");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t AS SELECT 42 AS answer");
            }
            assertThat(postgres.passwordProtected()).isTrue();
            assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(
                            () ->
                                    DriverManager.getConnection(
                                                    url,
                                                    properties(EmbeddedPostgres.SUPERUSER, "wrong"))
                                            .close())
                    .hasMessageContaining("password authentication failed");
            try (Connection c =
                            DriverManager.getConnection(url, properties("postgres", "s3cret-1"));
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SHOW listen_addresses")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("localhost");
            }
        }
        assertThat(kept.resolve("PG_VERSION")).exists();
        assertThat(Files.readString(kept.resolve("pg_hba.conf")))
                .doesNotContain("trust")
                .contains("local all all scram-sha-256");

        try (EmbeddedPostgres again =
                        EmbeddedPostgres.builder().keptIn(kept).password("s3cret-1").start();
                Connection c = again.connect("kept_results");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT answer FROM t")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(42);
        }
    }

    private static java.util.Properties properties(String user, String password) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }
}
