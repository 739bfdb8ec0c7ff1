package dev.streamwall.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.db.Migrations;
import dev.streamwall.embedded.DbQueries;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.embedded.TimescaleServer;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every job on a real TimescaleDB (the server of {@code STREAMWALL_TIMESCALEDB_URL}; skipped
 * without one, required on CI): the job migrates a database it owns as a role without special
 * attributes, which turns its tables into hypertables with compression, retention and continuous
 * aggregates, and then writes exactly the rows it writes into plain PostgreSQL for the same input.
 * The compression policy then compresses every chunk, and a second run over the same input, whose
 * upserts land in compressed chunks, leaves every row as it was. The continuous aggregate answers
 * as the plain view does, before and after it is materialised.
 *
 * @param <S> the job's test stack
 */
@ExtendWith(EmbeddedInfraExtension.class)
public abstract class TimescaleCase<S extends ScenarioStack<?>> implements MiniClusterTest {

    /**
     * A fresh stack on the embedded PostgreSQL with its input set but not published (see {@link
     * ScenarioStack}).
     */
    protected abstract S stack(EmbeddedInfra infra);

    /** A stack on the database at {@code jdbcUrl} that reads {@code reference}'s input topics. */
    protected abstract S sameInput(S reference, String jdbcUrl);

    private final String[] tables;
    private final List<String> hypertables;
    private final String compressed;
    private final String rollup;
    private final String rollupQuery;

    /**
     * @param tables the job's tables, each followed by the columns that order it wholly
     * @param hypertables the tables that must be hypertables
     * @param compressed the hypertable with a compression (segment-by) and a retention policy
     * @param rollup the continuous aggregate
     * @param rollupQuery the rollup's rows, ordered, doubles rounded (a materialised average may
     *     differ from the view's in its last bits)
     */
    protected TimescaleCase(
            String[] tables,
            List<String> hypertables,
            String compressed,
            String rollup,
            String rollupQuery) {
        this.tables = tables;
        this.hypertables = hypertables;
        this.compressed = compressed;
        this.rollup = rollup;
        this.rollupQuery = rollupQuery;
    }

    @Test
    void theJobWritesTheSameRowsIntoHypertablesThatItsOwnerMigratedAndRewritesCompressedChunks(
            EmbeddedInfra infra) throws Exception {
        TimescaleServer.Database db = infra.freshTimescaleDatabase();
        String owner = db.owner();
        // What is tested is the database: the job's state lives on the heap here.
        S reference = stack(infra);
        reference.publishAll();
        reference.onHeap().runToEnd("postgres");
        Map<String, String> expected = reference.fingerprints(tables);
        List<Map<String, Object>> expectedRollup = reference.query(rollupQuery);
        assertThat(expectedRollup).isNotEmpty();

        // The job writes as the writer role, the owner migrates, as in production.
        S timescale = sameInput(reference, db.writer());
        timescale.onHeap();
        Migrations.migrate(owner, null, null);
        // The policies measure age from now: retention would drop this input (months old) as
        // soon as its background job ran during the test. Paused, and run by hand below.
        DbQueries.execute(
                owner,
                "SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs"
                        + " WHERE hypertable_name IS NOT NULL");
        timescale.runToEnd("timescale", "--no-migrate");

        assertThat(
                        DbQueries.query(
                                owner,
                                "SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole,"
                                        + " e.extversion FROM pg_roles r, pg_extension e"
                                        + " WHERE r.rolname = current_user"
                                        + " AND e.extname = 'timescaledb'"))
                .as("migrated by a role without special attributes, on TimescaleDB")
                .containsExactly(
                        Map.of(
                                "rolsuper", false,
                                "rolcreatedb", false,
                                "rolcreaterole", false,
                                "extversion", infra.timescale().extensionVersion()));
        assertThat(
                        DbQueries.query(
                                        owner,
                                        "SELECT hypertable_name FROM"
                                                + " timescaledb_information.hypertables")
                                .stream()
                                .map(r -> r.get("hypertable_name")))
                .containsAll(hypertables);
        assertThat(
                        DbQueries.count(
                                owner,
                                "SELECT count(*) FROM timescaledb_information.compression_settings"
                                        + " WHERE hypertable_name = ?"
                                        + " AND segmentby_column_index IS NOT NULL",
                                compressed))
                .as("%s is compressed in segments", compressed)
                .isPositive();
        assertThat(
                        DbQueries.query(
                                        owner,
                                        "SELECT proc_name FROM timescaledb_information.jobs"
                                                + " WHERE hypertable_name = ?",
                                        compressed)
                                .stream()
                                .map(r -> r.get("proc_name")))
                .contains("policy_compression", "policy_retention");
        assertThat(
                        DbQueries.count(
                                owner,
                                "SELECT count(*) FROM timescaledb_information.continuous_aggregates"
                                        + " WHERE view_name = ? AND NOT materialized_only",
                                rollup))
                .as("%s is a continuous aggregate with real-time aggregation", rollup)
                .isEqualTo(1);

        assertThat(timescale.fingerprints(tables))
                .as("the same rows as on plain PostgreSQL: %s", differences(reference, timescale))
                .isEqualTo(expected);
        assertThat(timescale.query(rollupQuery))
                .as("%s before it is materialised", rollup)
                .isEqualTo(expectedRollup);
        DbQueries.execute(owner, "CALL refresh_continuous_aggregate('" + rollup + "', NULL, NULL)");
        assertThat(timescale.query(rollupQuery))
                .as("%s materialised", rollup)
                .isEqualTo(expectedRollup);

        // The compression policy, run now: the input is older than its one day.
        long job =
                DbQueries.count(
                        owner,
                        "SELECT job_id FROM timescaledb_information.jobs"
                                + " WHERE hypertable_name = ? AND proc_name = 'policy_compression'",
                        compressed);
        DbQueries.execute(owner, "CALL run_job(?)", (int) job);
        long chunks =
                DbQueries.count(owner, "SELECT count(*) FROM show_chunks('" + compressed + "')");
        assertThat(
                        DbQueries.count(
                                owner,
                                "SELECT count(*) FROM timescaledb_information.chunks"
                                        + " WHERE hypertable_name = ? AND is_compressed",
                                compressed))
                .as("every chunk of %s compressed", compressed)
                .isEqualTo(chunks)
                .isPositive();

        timescale.runToEnd("again", "--no-migrate");
        assertThat(timescale.fingerprints(tables))
                .as("a replay into compressed chunks rewrites the same rows")
                .isEqualTo(expected);
        assertThat(DbQueries.query(db.reader(), rollupQuery))
                .as("the reader sees the rollup")
                .isEqualTo(expectedRollup);

        // Least privilege: the writer cannot change the schema, delete or touch the migration
        // history; the reader cannot write.
        for (String denied :
                List.of(
                        "DROP TABLE " + compressed,
                        "ALTER TABLE " + compressed + " ADD COLUMN x integer",
                        "DELETE FROM " + compressed + " WHERE false",
                        "UPDATE flyway_schema_history SET success = success WHERE false",
                        "CREATE TABLE x (i integer)")) {
            assertThatThrownBy(() -> DbQueries.execute(db.writer(), denied))
                    .as("the writer: %s", denied)
                    .isInstanceOf(SQLException.class)
                    .hasMessageMatching("(?s).*(permission denied|must be owner).*");
        }
        for (String table : List.of(compressed, "dead_letters")) {
            String update = "UPDATE " + table + " SET ts = ts WHERE false";
            if (table.equals("dead_letters")) {
                update = "UPDATE dead_letters SET job = job WHERE false";
            }
            String denied = update;
            assertThatThrownBy(() -> DbQueries.execute(db.reader(), denied))
                    .as("the reader: %s", denied)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    /** Where two stacks' tables differ: for each table, the first differing rows of both. */
    private String differences(S a, S b) throws Exception {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < tables.length; i += 2) {
            String sql = "SELECT * FROM " + tables[i] + " ORDER BY " + tables[i + 1];
            List<Map<String, Object>> left = a.query(sql);
            List<Map<String, Object>> right = b.query(sql);
            int shown = 0;
            int differing = 0;
            for (int r = 0; r < Math.max(left.size(), right.size()); r++) {
                Object l = r < left.size() ? left.get(r) : null;
                Object x = r < right.size() ? right.get(r) : null;
                if (!java.util.Objects.equals(String.valueOf(l), String.valueOf(x))) {
                    differing++;
                    if (shown++ < 3) {
                        out.append("\n  ")
                                .append(tables[i])
                                .append(" row ")
                                .append(r)
                                .append(": postgres ")
                                .append(l)
                                .append("\n    timescale ")
                                .append(x);
                    }
                }
            }
            if (differing > 0) {
                out.append("\n  ")
                        .append(tables[i])
                        .append(": ")
                        .append(differing)
                        .append(" of ")
                        .append(left.size())
                        .append(" rows differ");
            }
        }
        return out.toString();
    }
}
