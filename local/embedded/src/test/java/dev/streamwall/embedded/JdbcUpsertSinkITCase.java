package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.options.JdbcSettings;
import dev.streamwall.common.sink.JdbcUpsertSink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JDBC sink on a real PostgreSQL: it rides out an outage of the database (the job pauses and
 * writes everything once the database is back, without a restart: the MiniCluster has none), and it
 * fails at once, with the database's words, on a batch no retry can fix.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class JdbcUpsertSinkITCase implements MiniClusterTest {

    private static final long ROWS = 20_000;

    private static void execute(String jdbcUrl, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A job writing ROWS upserts, about 2,000 a second, to {@code table}. */
    private static JobClient start(String jdbcUrl, String table) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JdbcSettings settings =
                new JdbcSettings(
                        jdbcUrl,
                        "postgres",
                        "",
                        200,
                        Duration.ofMillis(100),
                        Duration.ofMinutes(1));
        env.fromSequence(1, ROWS)
                .map(
                        i -> {
                            if (i % 20 == 0) {
                                Thread.sleep(10);
                            }
                            return i;
                        })
                .sinkTo(
                        new JdbcUpsertSink<Long>(
                                settings,
                                "INSERT INTO "
                                        + table
                                        + " (id, v) VALUES (?, ?)"
                                        + " ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v",
                                (ps, i) -> {
                                    ps.setLong(1, i);
                                    ps.setString(2, "row " + i);
                                }))
                .name("rows → PostgreSQL");
        return env.executeAsync("jdbc sink " + table);
    }

    @Test
    void aDatabaseOutagePausesTheJobAndLosesNothing(EmbeddedInfra infra) throws Exception {
        String url = infra.freshDatabase();
        execute(url, "CREATE TABLE r (id bigint PRIMARY KEY, v text NOT NULL)");
        JobClient job = start(url, "r");
        Eventually.waitFor(
                () -> DbQueries.count(url, "SELECT count(*) FROM r") >= 1_000,
                Duration.ofSeconds(60));
        long before = DbQueries.count(url, "SELECT count(*) FROM r");
        try (DatabaseOutage outage = DatabaseOutage.begin(infra.postgres(), url)) {
            Thread.sleep(6_000);
        }
        assertThat(before)
                .as("the job was still writing when the database went away")
                .isLessThan(ROWS);

        JobExecutionResult result = job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
        assertThat(result).isNotNull();
        assertThat(DbQueries.count(url, "SELECT count(*) FROM r")).isEqualTo(ROWS);
        assertThat(DbQueries.count(url, "SELECT count(*) FROM r WHERE v <> 'row ' || id")).isZero();
    }

    @Test
    void aBatchTheDatabaseRefusesFailsTheJobWithItsMessage(EmbeddedInfra infra) throws Exception {
        String url = infra.freshDatabase();
        JobClient job = start(url, "no_such_table");
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        // A batch is flushed by size (200) or by its interval, whichever comes first: on a busy
        // machine the timer flushed 180 rows first (seen in CI).
        assertThatThrownBy(() -> result.get(60, TimeUnit.SECONDS))
                .satisfies(
                        e ->
                                assertThat(
                                                org.apache.flink.util.ExceptionUtils
                                                        .stringifyException(e))
                                        .containsPattern(
                                                "Writing \\d+ rows to no_such_table failed: ERROR:"
                                                        + " relation \"no_such_table\" does not"
                                                        + " exist \\(SQL state 42P01\\)"));
    }
}
