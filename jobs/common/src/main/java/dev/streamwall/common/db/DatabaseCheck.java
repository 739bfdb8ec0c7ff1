package dev.streamwall.common.db;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Connects once, quickly, to the database a job or a command is given, and says what it found: a
 * wrong host, port, user or password ends in one line within seconds, not in minutes of retries.
 */
public final class DatabaseCheck {

    private DatabaseCheck() {}

    /** The database could not be reached or refused the login; the message is one line. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Connects to {@code jdbcUrl} as {@code user} within {@code timeout} and describes the server,
     * e.g. {@code TimescaleDB 2.28.3 on PostgreSQL 15.20} or {@code PostgreSQL 16.4 without
     * TimescaleDB (plain tables)}.
     *
     * @throws Unreachable with one line: what failed and which options to check
     */
    public static String connect(String jdbcUrl, String user, String password, Duration timeout) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        p.setProperty("connectTimeout", seconds);
        p.setProperty("loginTimeout", seconds);
        p.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds()) * 2));
        try (Connection c = DriverManager.getConnection(jdbcUrl, p)) {
            return describe(c);
        } catch (SQLException e) {
            throw new Unreachable(
                    "cannot use the database at "
                            + redact(jdbcUrl)
                            + " as "
                            + (user == null ? "(no user)" : user)
                            + ": "
                            + reason(e)
                            + " (check --jdbc-url, --jdbc-user and $"
                            + dev.streamwall.common.options.JdbcOptions.PASSWORD_ENV
                            + ")",
                    e);
        }
    }

    /** What {@code connection} is: PostgreSQL's version and whether TimescaleDB is in use. */
    public static String describe(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT current_setting('server_version'),"
                                        + " (SELECT extversion FROM pg_extension"
                                        + " WHERE extname = 'timescaledb'),"
                                        + " (SELECT default_version FROM pg_available_extensions"
                                        + " WHERE name = 'timescaledb')")) {
            r.next();
            String server = "PostgreSQL " + r.getString(1).split(" ")[0];
            String inUse = r.getString(2);
            String available = r.getString(3);
            if (inUse != null) {
                return "TimescaleDB " + inUse + " on " + server;
            }
            if (available != null) {
                return server + ", TimescaleDB " + available + " installed, not yet created here";
            }
            return server + " without TimescaleDB: plain tables and views";
        }
    }

    /** {@code jdbcUrl} without the value of a {@code password} parameter. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl == null ? null : jdbcUrl.replaceAll("([?&]password=)[^&]*", "$1***");
    }

    private static String reason(SQLException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "nothing accepts connections there (" + t.getMessage() + ")";
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }
}
