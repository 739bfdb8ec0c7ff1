package dev.streamwall.common.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a PostgreSQL database to the suite's schema with the versioned migrations of {@code
 * sql/migrations} (shipped in this jar under {@code db/migration}). TimescaleDB features are
 * applied only where the extension can be loaded.
 */
public final class Migrations {

    private Migrations() {}

    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        Flyway flyway =
                Flyway.configure(Migrations.class.getClassLoader())
                        .dataSource(jdbcUrl, user, password)
                        .locations("classpath:db/migration")
                        .connectRetries(10)
                        .load();
        return flyway.migrate();
    }
}
