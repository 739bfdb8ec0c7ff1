package dev.streamwall.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a test database: rows as column → value maps, counts, and fingerprints of tables. */
public final class DbQueries {

    private DbQueries() {}

    /** Rows of a query as column → value maps, in the query's order. */
    public static List<Map<String, Object>> query(String jdbcUrl, String sql, Object... params)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Runs a statement that returns no rows (DDL, {@code CALL}, an update), in autocommit. */
    public static void execute(String jdbcUrl, String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    /** The single number a query such as {@code SELECT count(*) ...} returns. */
    public static long count(String jdbcUrl, String sql, Object... params) throws SQLException {
        return ((Number) query(jdbcUrl, sql, params).get(0).values().iterator().next()).longValue();
    }

    /** An md5 of a whole table's rows in the given order, to compare two runs. */
    public static String fingerprint(String jdbcUrl, String table, String orderBy)
            throws SQLException {
        return (String)
                query(
                                jdbcUrl,
                                "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY "
                                        + orderBy
                                        + "), '')) AS h FROM "
                                        + table
                                        + " t")
                        .get(0)
                        .get("h");
    }
}
