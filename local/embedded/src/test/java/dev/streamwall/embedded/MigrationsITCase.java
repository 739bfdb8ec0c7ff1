package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.db.Migrations;
import dev.streamwall.common.options.JdbcSettings;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.common.sink.SqlRows;
import dev.streamwall.common.sink.UpsertWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema migrations on a real PostgreSQL without TimescaleDB: plain tables and views, and a
 * database migrated with the earlier text of V002, V004 and V005 (which read {@code
 * shared_preload_libraries}) is realigned to the current text, while any other edit of an applied
 * migration still stops the migration. TimescaleDB itself: the scenarios' TimescaleITCases.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class MigrationsITCase {

    private static final String HISTORY =
            "SELECT version, checksum FROM flyway_schema_history WHERE version IS NOT NULL"
                    + " ORDER BY installed_rank";

    @Test
    void plainPostgresGetsTablesAndViewsAndKnownEditsAreRealigned(EmbeddedInfra infra)
            throws Exception {
        String url = infra.freshDatabase();
        assertThat(Migrations.migrate(url, "postgres", "").migrationsExecuted).isEqualTo(8);
        assertThat(
                        DbQueries.query(
                                url,
                                "SELECT table_name FROM information_schema.views"
                                        + " WHERE table_schema = 'public' ORDER BY 1"))
                .extracting(r -> r.get("table_name"))
                .containsExactly("sensor_readings_1m", "telemetry_1s", "traffic_1m");
        assertThat(
                        DbQueries.count(
                                url,
                                "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'"))
                .isZero();
        List<Map<String, Object>> current = DbQueries.query(url, HISTORY);

        // As a database migrated before V002, V004 and V005 were edited holds them.
        DbQueries.execute(
                url,
                "UPDATE flyway_schema_history SET checksum = -667889726 WHERE version::int = 2");
        DbQueries.execute(
                url,
                "UPDATE flyway_schema_history SET checksum = 1454885681 WHERE version::int = 4");
        DbQueries.execute(
                url,
                "UPDATE flyway_schema_history SET checksum = -883159185 WHERE version::int = 5");
        assertThat(Migrations.migrate(url, "postgres", "").migrationsExecuted).isZero();
        assertThat(DbQueries.query(url, HISTORY)).isEqualTo(current);

        // Any other difference is the user's to resolve.
        DbQueries.execute(
                url, "UPDATE flyway_schema_history SET checksum = 42 WHERE version::int = 2");
        assertThatThrownBy(() -> Migrations.migrate(url, "postgres", ""))
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("version 002");
        DbQueries.execute(
                url,
                "UPDATE flyway_schema_history SET checksum = ? WHERE version::int = 2",
                current.get(1).get("checksum"));
        DbQueries.execute(
                url,
                "UPDATE flyway_schema_history SET checksum = 1454885681 WHERE version::int = 5");
        assertThatThrownBy(() -> Migrations.migrate(url, "postgres", ""))
                .as("an old checksum of another version")
                .hasMessageContaining("checksum mismatch");
    }

    /**
     * The three roles of sql/bootstrap/roles.sql on plain PostgreSQL: the owner migrates, the
     * writer upserts but cannot delete or change the schema, the reader only reads; a role created
     * after the migrations gets its rights on the next migrate (every job start).
     */
    @Test
    void theOwnerMigratesTheWriterUpsertsTheReaderOnlyReads(EmbeddedPostgres postgres)
            throws Exception {
        String db = "roles_" + Long.toHexString(System.nanoTime());
        String admin = postgres.jdbcUrl("postgres");
        DbQueries.execute(admin, "CREATE ROLE " + db + " LOGIN");
        DbQueries.execute(admin, "CREATE ROLE " + db + "_writer LOGIN");
        DbQueries.execute(admin, "CREATE DATABASE " + db + " OWNER " + db);
        // Closed as sql/bootstrap/roles.sql closes it: the writer gets TEMPORARY from the grants.
        DbQueries.execute(admin, "REVOKE ALL ON DATABASE " + db + " FROM PUBLIC");
        DbQueries.execute(admin, "GRANT CONNECT ON DATABASE " + db + " TO " + db + "_writer");
        String base = "jdbc:postgresql://localhost:" + postgres.port() + "/" + db + "?user=";
        String owner = base + db;
        String writer = base + db + "_writer";
        String reader = base + db + "_reader";
        Migrations.migrate(owner, null, null);

        String insert =
                "INSERT INTO dead_letters (id, job, source_topic, source_partition, source_offset,"
                        + " reason, rejected_at) VALUES ('a', 'factory', 't', 0, 1, 'BAD_JSON', now())"
                        + " ON CONFLICT (id) DO UPDATE SET reason = EXCLUDED.reason";
        DbQueries.execute(writer, insert);
        DbQueries.execute(writer, insert);
        assertThat(DbQueries.count(writer, "SELECT count(*) FROM dead_letters")).isEqualTo(1);
        // The jobs' writer, replaying a batch: COPY, then staged through a temporary table.
        DeadLetter letter =
                DeadLetter.of("factory", "t", 0, 2, "NOT_JSON", "detail", null, new byte[] {1});
        for (int replay = 0; replay < 2; replay++) {
            try (UpsertWriter<DeadLetter> w =
                    new UpsertWriter<>(
                            JdbcSettings.of(writer, db + "_writer", ""),
                            SqlRows.DEAD_LETTERS.upsert(),
                            SqlRows.DEAD_LETTERS.binder(),
                            () -> {})) {
                w.write(List.of(letter));
            }
        }
        assertThat(DbQueries.count(writer, "SELECT count(*) FROM dead_letters")).isEqualTo(2);
        for (String denied :
                List.of(
                        "DELETE FROM dead_letters",
                        "DROP TABLE dead_letters",
                        "ALTER TABLE dead_letters ADD COLUMN x integer",
                        "TRUNCATE laps",
                        "UPDATE flyway_schema_history SET success = success",
                        "CREATE TABLE x (i integer)")) {
            assertThatThrownBy(() -> DbQueries.execute(writer, denied))
                    .as("the writer: %s", denied)
                    .hasMessageMatching("(?s).*(permission denied|must be owner).*");
        }

        DbQueries.execute(admin, "CREATE ROLE " + db + "_reader LOGIN");
        DbQueries.execute(admin, "GRANT CONNECT ON DATABASE " + db + " TO " + db + "_reader");
        assertThatThrownBy(() -> DbQueries.count(reader, "SELECT count(*) FROM dead_letters"))
                .as("no rights before the next migrate")
                .hasMessageContaining("permission denied");
        Migrations.migrate(owner, null, null);
        assertThat(DbQueries.count(reader, "SELECT count(*) FROM dead_letters")).isEqualTo(2);
        assertThat(DbQueries.count(reader, "SELECT count(*) FROM telemetry_1s")).isZero();
        assertThatThrownBy(() -> DbQueries.execute(reader, insert.replace("'a'", "'b'")))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(
                        () -> DbQueries.count(reader, "SELECT count(*) FROM flyway_schema_history"))
                .hasMessageContaining("permission denied");
    }

    /**
     * What the production migration Job runs: one line out, exit 0; 2 for a database it cannot use.
     */
    @Test
    void migrateMainMigratesAndSaysSoInOneLine(EmbeddedInfra infra) throws Exception {
        String url = infra.freshDatabase();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        int code;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            code =
                    new picocli.CommandLine(new dev.streamwall.common.db.MigrateMain())
                            .execute("--jdbc-url", url, "--jdbc-user", "postgres");
        } finally {
            System.setOut(original);
        }
        assertThat(code).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).strip().lines())
                .singleElement()
                .asString()
                .contains("at version 009", "8 migrations run now", "without TimescaleDB");
        assertThat(
                        new picocli.CommandLine(new dev.streamwall.common.db.MigrateMain())
                                .execute(
                                        "--jdbc-url",
                                        "jdbc:postgresql://no-such-host.invalid:5432/x",
                                        "--jdbc-user",
                                        "postgres"))
                .isEqualTo(2);
    }
}
