package dev.streamwall.common.db;

import dev.streamwall.common.options.JdbcOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Migrates the database and exits: what a deployment runs once, as the owner role, before jobs that
 * write as the writer role with {@code --no-migrate} (a Kubernetes Job, an init step). Every job
 * jar carries it:
 *
 * <pre>
 * java -cp streamwall-pitwall-job.jar dev.streamwall.common.db.MigrateMain \
 *     --jdbc-url jdbc:postgresql://db:5432/streamwall --jdbc-user streamwall
 * </pre>
 *
 * The password comes from {@code $STREAMWALL_JDBC_PASSWORD}. Prints one line: what it did, or what
 * was wrong; exit 0, 1 (the migration failed) or 2 (the database cannot be used).
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description =
                "Migrates the streamwall schema (Flyway) and grants the writer and reader roles.")
public final class MigrateMain implements Callable<Integer> {

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL", description = "Database.")
    String url;

    @Option(
            names = "--jdbc-user",
            defaultValue = "streamwall",
            paramLabel = "USER",
            description = "The owner role (default: ${DEFAULT-VALUE}).")
    String user;

    /** Held, so that the level set on it stays (the logging framework keeps loggers weakly). */
    private static final java.util.logging.Logger FLYWAY_LOG =
            java.util.logging.Logger.getLogger("org.flywaydb");

    public static void main(String[] args) {
        // Flyway logs every step through java.util.logging here (no SLF4J binding in a job jar):
        // the one line below says what happened.
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(new CommandLine(new MigrateMain()).execute(args));
    }

    @Override
    public Integer call() {
        String password = System.getenv().getOrDefault(JdbcOptions.PASSWORD_ENV, "");
        try {
            DatabaseCheck.connect(url, user, password, Duration.ofSeconds(10));
        } catch (DatabaseCheck.Unreachable e) {
            System.err.println("migrate: " + e.getMessage());
            return 2;
        }
        try {
            MigrateResult result = Migrations.migrate(url, user, password);
            String found = DatabaseCheck.connect(url, user, password, Duration.ofSeconds(10));
            System.out.println(
                    "migrate: "
                            + DatabaseCheck.redact(url)
                            + " at version "
                            + (result.targetSchemaVersion == null
                                    ? result.initialSchemaVersion
                                    : result.targetSchemaVersion)
                            + " ("
                            + result.migrationsExecuted
                            + " migrations run now; "
                            + found
                            + ")");
            return 0;
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            System.err.println(
                    "migrate: "
                            + message.lines().findFirst().orElse(message).trim()
                            + " (run it as the database's owner role)");
            return 1;
        }
    }
}
