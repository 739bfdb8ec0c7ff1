package dev.streamwall.common.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Brings a PostgreSQL database to the suite's schema with the versioned migrations of {@code
 * sql/migrations} (shipped in this jar under {@code db/migration}). TimescaleDB features are
 * applied only where the extension is there or can be created (see V002).
 */
public final class Migrations {

    /**
     * Migrations edited after release, with the checksums their earlier text left in {@code
     * flyway_schema_history}. V002, V004 and V005 used to find TimescaleDB by reading {@code
     * shared_preload_libraries}, which only a superuser may, so they failed for the owner role;
     * they now ask {@code streamwall_timescaledb()}, with the same result wherever the old text
     * ran. A database migrated with the old text gets the new checksums (Flyway repair), and
     * nothing else: any other mismatch still stops the migration.
     */
    static final Map<Integer, Set<Integer>> EDITED =
            Map.of(
                    2, Set.of(-667889726),
                    4, Set.of(1454885681),
                    5, Set.of(-883159185));

    private Migrations() {}

    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        Flyway flyway =
                Flyway.configure(Migrations.class.getClassLoader())
                        .dataSource(jdbcUrl, user, password)
                        .locations("classpath:db/migration")
                        .connectRetries(10)
                        .load();
        if (onlyKnownEdits(flyway, jdbcUrl, user, password)) {
            flyway.repair();
        }
        return flyway.migrate();
    }

    /**
     * Whether the database's history differs from the migrations only by {@link #EDITED} checksums
     * (then a repair realigns them); false when there is nothing to repair or something else
     * differs.
     */
    static boolean onlyKnownEdits(Flyway flyway, String jdbcUrl, String user, String password) {
        ValidateResult validation = flyway.validateWithResult();
        if (validation.validationSuccessful) {
            return false;
        }
        List<Integer> mismatched = new ArrayList<>();
        for (ValidateOutput invalid : validation.invalidMigrations) {
            if (invalid.errorDetails == null
                    || invalid.errorDetails.errorCode != CoreErrorCode.CHECKSUM_MISMATCH) {
                return false;
            }
            mismatched.add(versionNumber(invalid.version));
        }
        Map<Integer, Integer> applied = appliedChecksums(jdbcUrl, user, password);
        for (Integer version : mismatched) {
            Set<Integer> known = EDITED.get(version);
            if (known == null || !known.contains(applied.get(version))) {
                return false;
            }
        }
        return !mismatched.isEmpty();
    }

    private static Map<Integer, Integer> appliedChecksums(
            String jdbcUrl, String user, String password) {
        Properties credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        Map<Integer, Integer> checksums = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "SELECT version, checksum FROM flyway_schema_history"
                                        + " WHERE version IS NOT NULL AND success")) {
            while (rows.next()) {
                int checksum = rows.getInt(2);
                checksums.put(versionNumber(rows.getString(1)), rows.wasNull() ? null : checksum);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not read flyway_schema_history at " + jdbcUrl + ": " + e.getMessage(),
                    e);
        }
        return checksums;
    }

    /** {@code 002} (as the history holds it) and {@code 2} are version 2; anything else is -1. */
    private static int versionNumber(String version) {
        try {
            return version == null ? -1 : Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
