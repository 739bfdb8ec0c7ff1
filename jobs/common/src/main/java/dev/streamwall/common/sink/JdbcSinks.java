package dev.streamwall.common.sink;

import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * Builds the suite's JDBC sinks: at-least-once batches of idempotent upserts ({@code INSERT ... ON
 * CONFLICT (key) DO UPDATE}) on deterministic keys, so a replay or a restart from a checkpoint
 * rewrites the same rows instead of adding new ones. (The XA exactly-once sink is not used: see
 * STACK notes.)
 */
public final class JdbcSinks {

    private JdbcSinks() {}

    public static <T> JdbcSink<T> upsert(
            JdbcSettings settings, String sql, JdbcStatementBuilder<T> statement) {
        return JdbcSink.<T>builder()
                .withQueryStatement(sql, statement)
                .withExecutionOptions(
                        JdbcExecutionOptions.builder()
                                .withBatchSize(settings.batchSize())
                                .withBatchIntervalMs(settings.batchInterval().toMillis())
                                .withMaxRetries(settings.maxRetries())
                                .build())
                .buildAtLeastOnce(
                        new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                                .withUrl(settings.url())
                                .withDriverName("org.postgresql.Driver")
                                .withUsername(settings.user())
                                .withPassword(settings.password())
                                .build());
    }
}
