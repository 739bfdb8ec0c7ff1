package dev.streamwall.runner;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** Small JDBC helpers the boards share: a read-only connection, counts, and text layout. */
public final class BoardSql {

    private BoardSql() {}

    /**
     * A read-only connection to the demo's database that outlives the database: once a call fails
     * because the connection was lost (the database stopped or restarted), that call still fails,
     * and the next one connects again.
     */
    public static Connection connect(DemoEndpoints endpoints) throws SQLException {
        return connect(endpoints.jdbcUrl(), endpoints.jdbcUser(), endpoints.jdbcPassword());
    }

    /** As {@link #connect(DemoEndpoints)}, to the database at {@code jdbcUrl}. */
    public static Connection connect(String jdbcUrl, String user, String password)
            throws SQLException {
        Reconnecting handler = new Reconnecting(jdbcUrl, user, password);
        handler.current();
        return (Connection)
                Proxy.newProxyInstance(
                        Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class},
                        handler);
    }

    private static Connection open(String jdbcUrl, String user, String password)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        Connection c = DriverManager.getConnection(jdbcUrl, p);
        c.setReadOnly(true);
        return c;
    }

    /**
     * Delegates to a live connection: it checks the connection before each use (a round trip; the
     * boards query a few times a second) and opens a new one when the last was lost, so that a
     * statement is never prepared on a connection the server closed while it was idle.
     */
    private static final class Reconnecting implements InvocationHandler {
        private final String jdbcUrl;
        private final String user;
        private final String password;
        private Connection connection;
        private boolean closed;

        Reconnecting(String jdbcUrl, String user, String password) {
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
        }

        Connection current() throws SQLException {
            if (connection != null && (connection.isClosed() || !connection.isValid(2))) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // it is gone already
                }
                connection = null;
            }
            if (connection == null) {
                connection = open(jdbcUrl, user, password);
            }
            return connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close")) {
                closed = true;
                if (connection != null) {
                    connection.close();
                }
                return null;
            }
            if (closed) {
                throw new SQLException("the board's connection is closed", "08003");
            }
            try {
                return method.invoke(current(), args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException sql && lost(sql)) {
                    try {
                        connection.close();
                    } catch (SQLException ignored) {
                        // it is gone already
                    }
                    connection = null;
                }
                throw cause;
            }
        }

        /** Connection exceptions (08), operator intervention (57P): the server went away. */
        private static boolean lost(SQLException e) {
            String state = e.getSQLState();
            return state == null || state.startsWith("08") || state.startsWith("57P");
        }
    }

    /**
     * Runs a query whose rows are (label, count) and returns them in order; {@code params} bind the
     * query's placeholders ({@link Instant}s as timestamptz).
     */
    public static Map<String, Long> countBy(Connection c, String sql, Object... params)
            throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e :
                rows(c, sql, rs -> Map.entry(rs.getString(1), rs.getLong(2)), params)) {
            counts.put(e.getKey(), e.getValue());
        }
        return counts;
    }

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a query and maps every row; {@code params} bind the query's placeholders ({@link
     * Instant}s as timestamptz).
     */
    public static <T> List<T> rows(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                ps.setObject(
                        i + 1,
                        p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        }
        return rows;
    }

    /** A timestamptz column as an instant; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Records a job dead-lettered since {@code since}, by reason, most frequent first. */
    public static Map<String, Long> deadLettersByReason(Connection c, String job, Instant since)
            throws SQLException {
        return countBy(
                c,
                "SELECT reason, count(*) FROM dead_letters WHERE job = ? AND rejected_at >= ?"
                        + " GROUP BY reason ORDER BY count(*) DESC, reason",
                job,
                since);
    }

    /** {@code "A 3, B 1"}, or {@code none}. */
    public static String format(Map<String, Long> counts) {
        return counts.isEmpty()
                ? "none"
                : counts.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    /** Cuts a line to the terminal width with an ellipsis. */
    public static String fit(String line, int width) {
        return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
    }

    /** Cuts every line to the width. */
    public static List<String> fit(List<String> lines, int width) {
        return lines.stream().map(l -> fit(l, width)).toList();
    }
}
