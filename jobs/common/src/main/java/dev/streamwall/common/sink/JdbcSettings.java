package dev.streamwall.common.sink;

import java.io.Serializable;
import java.time.Duration;

/** Where and how the JDBC sinks write: connection, batching and retries. */
public record JdbcSettings(
        String url,
        String user,
        String password,
        int batchSize,
        Duration batchInterval,
        int maxRetries)
        implements Serializable {

    public JdbcSettings {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "JDBC URL must look like jdbc:postgresql://HOST:PORT/DATABASE, got: " + url);
        }
    }

    public static JdbcSettings of(String url, String user, String password) {
        return new JdbcSettings(url, user, password, 500, Duration.ofMillis(200), 3);
    }

    /**
     * The same target with the PostgreSQL driver sending each batch as one multi-row INSERT:
     * several times faster for append-mostly tables. Only for {@code ON CONFLICT DO NOTHING}
     * statements: a multi-row {@code DO UPDATE} fails when one batch updates the same key twice.
     */
    public JdbcSettings withMultiRowInserts() {
        if (url.contains("reWriteBatchedInserts")) {
            return this;
        }
        String rewritten = url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        return new JdbcSettings(rewritten, user, password, batchSize, batchInterval, maxRetries);
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
