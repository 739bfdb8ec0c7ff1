package dev.streamwall.embedded;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Takes one database of the embedded PostgreSQL away from its clients, as a stopped server would:
 * every open session is terminated (SQL state 57P01, "terminating connection due to administrator
 * command") and new connections are refused (55000, "not currently accepting connections") until
 * {@link #close()}. The server and its other databases stay up, so tests sharing it are not
 * touched.
 */
public final class DatabaseOutage implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final String database;
    private final long began = System.nanoTime();
    private Duration lasted;

    private DatabaseOutage(EmbeddedPostgres postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    /** Begins an outage of the database that {@code jdbcUrl} points to. */
    public static DatabaseOutage begin(EmbeddedPostgres postgres, String jdbcUrl) {
        String database = databaseOf(jdbcUrl);
        EmbeddedPostgres.checkDatabaseName(database);
        run(
                postgres,
                "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + database
                        + "'");
        return new DatabaseOutage(postgres, database);
    }

    /** The database name in {@code jdbc:postgresql://host:port/NAME?...}. */
    static String databaseOf(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    /** Ends the outage: the database accepts connections again. Safe to call twice. */
    @Override
    public void close() {
        if (lasted == null) {
            run(postgres, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            lasted = Duration.ofNanos(System.nanoTime() - began);
        }
    }

    /** How long the database was away; null while it still is. */
    public Duration lasted() {
        return lasted;
    }

    private static void run(EmbeddedPostgres postgres, String... statements) {
        try (Connection c = postgres.connect("postgres");
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not change the database's availability", e);
        }
    }
}
