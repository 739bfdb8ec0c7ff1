package dev.streamwall.embedded;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TimescaleDB server the tests may use, named by {@value #URL_VARIABLE}: the JDBC URL of a
 * superuser (e.g. {@code jdbc:postgresql://127.0.0.1:5440/postgres?user=postgres}, which {@code
 * .ci/run} starts from {@code shared/timescaledb}). The superuser only creates roles and databases:
 * each test database belongs to its own login role without any special attribute, and the job, its
 * migrations included, connects as that role, as production does.
 */
public final class TimescaleServer {

    /** The environment variable holding the superuser's JDBC URL. */
    public static final String URL_VARIABLE = "STREAMWALL_TIMESCALEDB_URL";

    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/?]+)/");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String superuserUrl;
    private final String hostPort;
    private final String extensionVersion;
    private final String serverVersion;

    private TimescaleServer(String superuserUrl) {
        this.superuserUrl = superuserUrl;
        Matcher m = HOST_PORT.matcher(superuserUrl);
        if (!m.find()) {
            throw new IllegalArgumentException(
                    URL_VARIABLE
                            + " is not a jdbc:postgresql://HOST:PORT/DATABASE URL: "
                            + superuserUrl);
        }
        this.hostPort = m.group(1);
        try (Connection c = DriverManager.getConnection(superuserUrl);
                Statement s = c.createStatement();
                ResultSet rows =
                        s.executeQuery(
                                "SELECT (SELECT default_version FROM pg_available_extensions"
                                        + " WHERE name = 'timescaledb'),"
                                        + " current_setting('server_version'),"
                                        + " current_setting('shared_preload_libraries'),"
                                        + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
            rows.next();
            this.extensionVersion = rows.getString(1);
            this.serverVersion = rows.getString(2);
            if (extensionVersion == null || !rows.getString(3).contains("timescaledb")) {
                throw new IllegalStateException(
                        URL_VARIABLE
                                + " points at PostgreSQL "
                                + serverVersion
                                + " without TimescaleDB preloaded (shared_preload_libraries = '"
                                + rows.getString(3)
                                + "'): start one with shared/timescaledb/start-cluster.sh");
            }
            if (!rows.getBoolean(4)) {
                throw new IllegalStateException(
                        URL_VARIABLE + " must name a superuser: it creates the tests' roles");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot reach the TimescaleDB server of "
                            + URL_VARIABLE
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The server named by {@value #URL_VARIABLE}, if the variable is set. */
    public static Optional<TimescaleServer> fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank()
                ? Optional.empty()
                : Optional.of(new TimescaleServer(url));
    }

    /** The extension's version, e.g. {@code 2.28.3}. */
    public String extensionVersion() {
        return extensionVersion;
    }

    /** PostgreSQL's version, e.g. {@code 15.20 (Debian 15.20-0+deb12u1)}. */
    public String serverVersion() {
        return serverVersion;
    }

    /**
     * A test database and the JDBC URLs of its three roles: the owner (runs the migrations), the
     * writer ({@code <database>_writer}, what the jobs connect as) and the reader ({@code
     * <database>_reader}); the migrations grant the last two their rights.
     */
    public record Database(String name, String owner, String writer, String reader) {}

    /**
     * Creates an empty database named {@code prefix} and a random suffix, owned by a login role of
     * the same name, and the login roles {@code <name>_writer} and {@code <name>_reader}; none has
     * any special attribute (no superuser, CREATEDB or CREATEROLE), each a random password. The
     * owner may create TimescaleDB there (a trusted extension) and nothing else.
     */
    public Database createDatabase(String prefix) {
        // Roles belong to the whole server, which may outlive this JVM: a random suffix keeps
        // the names of two runs apart; 48 + 7 + 7 characters stay within PostgreSQL's 63.
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        String name =
                prefix.substring(0, Math.min(prefix.length(), 48))
                        + "_"
                        + HexFormat.of().formatHex(suffix);
        EmbeddedPostgres.checkDatabaseName(name);
        String[] urls = new String[3];
        String[] roles = {name, name + "_writer", name + "_reader"};
        try (Connection c = DriverManager.getConnection(superuserUrl);
                Statement s = c.createStatement()) {
            for (int i = 0; i < roles.length; i++) {
                byte[] secret = new byte[12];
                RANDOM.nextBytes(secret);
                String password = HexFormat.of().formatHex(secret);
                s.execute(
                        "CREATE ROLE "
                                + roles[i]
                                + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
                                + password
                                + "'");
                urls[i] =
                        "jdbc:postgresql://"
                                + hostPort
                                + "/"
                                + name
                                + "?user="
                                + roles[i]
                                + "&password="
                                + password;
            }
            s.execute("CREATE DATABASE " + name + " OWNER " + name);
            // As sql/bootstrap/roles.sql closes it: what the roles need, the migrations grant.
            s.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
            s.execute("GRANT CONNECT ON DATABASE " + name + " TO " + roles[1] + ", " + roles[2]);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create the roles and database " + name + ": " + e.getMessage(), e);
        }
        return new Database(name, urls[0], urls[1], urls[2]);
    }

    @Override
    public String toString() {
        return "timescaledb "
                + extensionVersion
                + " on PostgreSQL "
                + serverVersion
                + " at "
                + hostPort;
    }
}
