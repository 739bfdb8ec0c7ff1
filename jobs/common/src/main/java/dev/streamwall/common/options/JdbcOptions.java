package dev.streamwall.common.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The database options every job shares (a picocli mixin). The password never appears on the
 * command line: it is read from a file ({@code --jdbc-password-file}, a mounted Secret) or from the
 * environment variable named by {@code --jdbc-password-env}.
 */
public class JdbcOptions {

    public static final String PASSWORD_ENV = "STREAMWALL_JDBC_PASSWORD";

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            defaultValue = "jdbc:postgresql://localhost:5432/streamwall",
            description = "PostgreSQL/TimescaleDB to write to (default: ${DEFAULT-VALUE}).")
    public String url;

    @Option(
            names = "--jdbc-user",
            paramLabel = "USER",
            defaultValue = "streamwall",
            description = "Database user (default: ${DEFAULT-VALUE}).")
    public String user;

    @Option(
            names = "--jdbc-password-env",
            paramLabel = "VAR",
            defaultValue = PASSWORD_ENV,
            description =
                    "Environment variable holding the database password (default: ${DEFAULT-VALUE}).")
    public String passwordEnv;

    @Option(
            names = "--jdbc-password-file",
            paramLabel = "FILE",
            description =
                    "File holding the database password (a mounted Kubernetes Secret, say); read"
                            + " instead of the environment variable when given.")
    public Path passwordFile;

    @Option(
            names = "--jdbc-batch-size",
            paramLabel = "ROWS",
            defaultValue = JdbcSettings.DEFAULT_BATCH_ROWS,
            description = "Rows per JDBC batch (default: ${DEFAULT-VALUE}).")
    public int batchSize;

    @Option(
            names = "--jdbc-batch-interval",
            paramLabel = "DURATION",
            defaultValue = "500ms",
            converter = DurationConverter.class,
            description = "Longest time a row waits for its batch (default: ${DEFAULT-VALUE}).")
    public Duration batchInterval;

    @Option(
            names = "--jdbc-retry-for",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description =
                    "How long the sinks wait for an unreachable database, retrying, before the job"
                            + " fails and restarts from its last checkpoint (default: ${DEFAULT-VALUE}).")
    public Duration retryFor;

    @Option(
            names = "--migrate",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Migrate the database schema (Flyway) before the job starts (default: ${DEFAULT-VALUE}).")
    public boolean migrate;

    @Option(
            names = "--no-jdbc",
            defaultValue = "false",
            description = "Write to Kafka only, not to the database.")
    public boolean disabled;

    /**
     * The password: the file's content without its final line break, or the environment variable's
     * value, or empty.
     *
     * @throws IllegalArgumentException when the file cannot be read, in one line
     */
    public String password() {
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8)
                        .replaceFirst("\\r?\\n$", "");
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read --jdbc-password-file "
                                + passwordFile
                                + " ("
                                + e.getClass().getSimpleName()
                                + "): give a readable file holding the password");
            }
        }
        String p = System.getenv(passwordEnv);
        return p == null ? "" : p;
    }

    public JdbcSettings settings() {
        return new JdbcSettings(url, user, password(), batchSize, batchInterval, retryFor);
    }
}
