package dev.streamwall.runner.sql;

import dev.streamwall.common.db.DatabaseCheck;
import dev.streamwall.common.options.JdbcOptions;
import dev.streamwall.embedded.EmbeddedKafka;
import dev.streamwall.embedded.EmbeddedPostgres;
import dev.streamwall.embedded.LocalFlinkConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.client.SqlClient;
import org.apache.flink.table.client.cli.TerminalUtils;
import org.apache.flink.table.gateway.SqlGateway;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code streamwall sql}: Flink's own SQL client, embedded, with the streamwall catalog loaded,
 * running its queries on a local MiniCluster against the demo's Kafka and PostgreSQL or given ones.
 */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Open Flink's SQL client with the streamwall catalog loaded: Kafka topics in database"
                    + " `kafka`, PostgreSQL tables in `pg` (sql/flink/catalog.sql).",
            "By default it connects to a running `./streamwall demo` (Kafka on localhost:9092,"
                    + " PostgreSQL on localhost:5433). Try the queries in sql/flink/queries/."
        })
public final class SqlCommand implements Callable<Integer> {

    static final String DEMO_JDBC_URL =
            "jdbc:postgresql://localhost:" + EmbeddedPostgres.DEMO_PORT + "/streamwall";

    /** The environment variable Flink's SQL client reads its configuration directory from. */
    public static final String CONF_DIR_ENV = "FLINK_CONF_DIR";

    @Option(
            names = "--kafka",
            defaultValue = "localhost:" + EmbeddedKafka.DEMO_PORT,
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, the demo's).")
    String kafka;

    @Option(
            names = "--jdbc-url",
            defaultValue = DEMO_JDBC_URL,
            paramLabel = "URL",
            description = "PostgreSQL/TimescaleDB (default: ${DEFAULT-VALUE}, the demo's).")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            defaultValue = "postgres",
            paramLabel = "USER",
            description =
                    "Database user (default: ${DEFAULT-VALUE}); the password comes from $"
                            + JdbcOptions.PASSWORD_ENV
                            + ".")
    String jdbcUser;

    @Option(
            names = "--snapshot",
            description =
                    "Kafka tables end at the latest offset, so queries over them finish (default:"
                            + " they keep running on live data).")
    boolean snapshot;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "Run the statements in FILE, print their results and exit.")
    Path file;

    @Option(
            names = "--work-dir",
            defaultValue = ".streamwall",
            paramLabel = "DIR",
            description = "Checkpoints of the queries' jobs (default: ${DEFAULT-VALUE}).")
    Path workDir;

    /** Where a running demo leaves the password of its embedded database (mode 600). */
    public static Path demoPasswordFile(Path workDir) {
        return workDir.toAbsolutePath().resolve("demo-postgres.password");
    }

    /**
     * The database password: from the environment, or the running demo's, when the URL is the
     * demo's default and the demo left its password in the work directory.
     */
    String password() throws IOException {
        String env = System.getenv(JdbcOptions.PASSWORD_ENV);
        if (env != null && !env.isEmpty()) {
            return env;
        }
        Path demo = demoPasswordFile(workDir);
        if (jdbcUrl.equals(DEMO_JDBC_URL) && Files.isRegularFile(demo)) {
            return Files.readString(demo, StandardCharsets.US_ASCII).strip();
        }
        return "";
    }

    @Override
    public Integer call() throws Exception {
        // Nothing running is the common mistake: say so at once, not after minutes of restarts.
        String unreachable = unreachable(kafka, Duration.ofSeconds(3));
        if (unreachable != null) {
            System.err.println(
                    "streamwall sql: nothing accepts connections at "
                            + unreachable
                            + " (Kafka): start `./streamwall demo --no-board` in another terminal"
                            + " first, or give --kafka and --jdbc-url of your own");
            return 2;
        }
        try {
            DatabaseCheck.connect(jdbcUrl, jdbcUser, password(), Duration.ofSeconds(5));
        } catch (DatabaseCheck.Unreachable e) {
            System.err.println("streamwall sql: " + e.getMessage());
            return 2;
        }
        String confDir = System.getenv(CONF_DIR_ENV);
        if (confDir == null || !Files.isRegularFile(Path.of(confDir, "config.yaml"))) {
            System.err.println(
                    "streamwall sql: $"
                            + CONF_DIR_ENV
                            + " must name a directory with a Flink config.yaml (./streamwall sql"
                            + " sets it to the repository's flink-conf/).");
            return 2;
        }
        if (file != null && !Files.isRegularFile(file)) {
            System.err.println("streamwall sql: " + file + " is not a file");
            return 2;
        }
        Path init =
                Files.createTempFile(
                        "streamwall-catalog-",
                        ".sql",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
        Configuration flink =
                LocalFlinkConfig.local(
                        workDir.toAbsolutePath().resolve("sql"), 2, null, Map.of("rest.port", "0"));
        SqlGateway gateway = null;
        try (MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(flink)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .build())) {
            cluster.start();
            int gatewayPort = freePort();
            gateway = startGateway(flink, cluster.getRestAddress().get(), gatewayPort);
            // The catalog holds the database password: it lives in a file only this user can
            // read, for as long as the client runs.
            Files.writeString(
                    init,
                    FlinkSqlScripts.substitute(
                            FlinkSqlScripts.catalog(),
                            FlinkSqlScripts.variables(
                                    kafka,
                                    snapshot ? "latest-offset" : "unbounded",
                                    jdbcUrl,
                                    jdbcUser,
                                    password())),
                    StandardCharsets.UTF_8);
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "gateway",
                                    "-e",
                                    "http://localhost:" + gatewayPort,
                                    "-i",
                                    init.toString()));
            if (file != null) {
                args.addAll(
                        List.of(
                                "-f",
                                file.toAbsolutePath().toString(),
                                "-Dsql-client.execution.result-mode=tableau"));
            }
            if (file == null) {
                SqlClient.main(args.toArray(String[]::new));
            } else {
                // Results of a file go to standard output, so they can be piped or captured.
                Client.run(
                        args.toArray(String[]::new),
                        () -> TerminalUtils.createDumbTerminal(System.out));
            }
            return 0;
        } finally {
            if (gateway != null) {
                gateway.stop();
            }
            Files.deleteIfExists(init);
        }
    }

    /**
     * Flink's SQL Gateway in this JVM, its REST endpoint on {@code port}, submitting queries to the
     * MiniCluster at {@code cluster}. The client talks to it as it would to a remote gateway.
     */
    static SqlGateway startGateway(Configuration flink, URI cluster, int port) throws Exception {
        Configuration dynamic = new Configuration(flink);
        dynamic.setString("execution.target", "remote");
        dynamic.setString("rest.address", cluster.getHost());
        dynamic.setString("rest.port", Integer.toString(cluster.getPort()));
        dynamic.setString("sql-gateway.endpoint.type", "rest");
        dynamic.setString("sql-gateway.endpoint.rest.address", "localhost");
        dynamic.setString("sql-gateway.endpoint.rest.bind-address", "localhost");
        dynamic.setString("sql-gateway.endpoint.rest.port", Integer.toString(port));
        DefaultContext context = DefaultContext.load(dynamic, List.of(), true);
        SqlGateway gateway =
                new SqlGateway(context.getFlinkConfig(), SessionManager.create(context));
        gateway.start();
        return gateway;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Flink's SQL client, started with a terminal of our choosing. */
    private static final class Client extends SqlClient {
        private Client() {
            super(false, null, null);
        }

        static void run(String[] args, java.util.function.Supplier<org.jline.terminal.Terminal> t) {
            startClient(args, t);
        }
    }

    /**
     * Null when one of the bootstrap servers accepts a TCP connection within {@code timeout};
     * otherwise the servers, to name in the message.
     */
    static String unreachable(String bootstrapServers, Duration timeout) {
        for (String server : bootstrapServers.split(",")) {
            String hostPort = server.trim();
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                return hostPort;
            }
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                hostPort.substring(0, colon),
                                Integer.parseInt(hostPort.substring(colon + 1))),
                        (int) timeout.toMillis());
                return null;
            } catch (IOException | IllegalArgumentException e) {
                // the next one, if any
            }
        }
        return bootstrapServers;
    }
}
