package dev.streamwall.runner;

import dev.streamwall.common.db.DatabaseCheck;
import dev.streamwall.common.options.JdbcOptions;
import dev.streamwall.embedded.EmbeddedKafka;
import dev.streamwall.embedded.EmbeddedPostgres;
import dev.streamwall.runner.db.KeptDatabase;
import dev.streamwall.runner.db.LocalPassword;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Kafka and PostgreSQL of a local run: started in this JVM, or the ones the user gave with
 * {@code --kafka} and {@code --jdbc-url} (password from the environment). Closing stops what was
 * started here; the embedded database goes with it.
 */
public final class LocalServers implements AutoCloseable {

    public final String bootstrapServers;
    public final String jdbcUrl;
    public final String jdbcUser;
    public final String jdbcPassword;

    /** How to connect with psql to the embedded database, or null for the user's own. */
    public final String psql;

    /** The embedded database's password for the job (mode 600), or null for the user's own. */
    public final Path passwordFile;

    private final boolean deletePasswordFile;

    /** Client settings (TLS, SASL) for the Kafka the user gave; none for the in-process one. */
    private Map<String, String> kafkaSettings = Map.of();

    private List<String> kafkaArgs = List.of();

    private String deletedNote =
            "  (the embedded database is deleted on exit; use --jdbc-url to keep results)";

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private final PrintStream out;

    private LocalServers(
            EmbeddedKafka kafka,
            EmbeddedPostgres postgres,
            String bootstrapServers,
            String jdbcUrl,
            String jdbcUser,
            String jdbcPassword,
            String psql,
            Path passwordFile,
            boolean deletePasswordFile,
            PrintStream out) {
        this.passwordFile = passwordFile;
        this.deletePasswordFile = deletePasswordFile;
        this.kafka = kafka;
        this.postgres = postgres;
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword;
        this.psql = psql;
        this.out = out;
    }

    /**
     * Starts what the user did not give, saying so on {@code out}.
     *
     * @param kafka bootstrap servers, or null to start a broker here
     * @param jdbcUrl a PostgreSQL URL, or null to start one here with database {@code database}
     */
    public static LocalServers start(
            String kafka, String jdbcUrl, String jdbcUser, String database, PrintStream out)
            throws Exception {
        return start(kafka, jdbcUrl, jdbcUser, database, null, out);
    }

    /**
     * Starts what the user did not give; the database in {@code kept} (replaced if it exists) when
     * it is not null and no {@code jdbcUrl} is given, otherwise a throwaway one with a generated
     * password.
     */
    public static LocalServers start(
            String kafka,
            String jdbcUrl,
            String jdbcUser,
            String database,
            KeptDatabase kept,
            PrintStream out)
            throws Exception {
        EmbeddedKafka embeddedKafka = null;
        EmbeddedPostgres embeddedPostgres = null;
        try {
            if (jdbcUrl != null) {
                // Before anything starts: a wrong host, port, user or password is one line, now.
                out.print("  checking the database " + DatabaseCheck.redact(jdbcUrl) + " ... ");
                try {
                    out.println(
                            DatabaseCheck.connect(
                                    jdbcUrl,
                                    jdbcUser,
                                    System.getenv().getOrDefault(JdbcOptions.PASSWORD_ENV, ""),
                                    Duration.ofSeconds(5)));
                } catch (DatabaseCheck.Unreachable e) {
                    out.println("failed");
                    throw e;
                }
            }
            String bootstrap = kafka;
            if (bootstrap == null) {
                out.print("  starting Kafka (in-process KRaft broker) ... ");
                embeddedKafka =
                        quietly(
                                () ->
                                        EmbeddedKafka.builder()
                                                .preferredPort(EmbeddedKafka.DEMO_PORT)
                                                .start());
                bootstrap = embeddedKafka.bootstrapServers();
                out.println(bootstrap);
            }
            String url = jdbcUrl;
            String user = jdbcUser;
            String password = System.getenv().getOrDefault(JdbcOptions.PASSWORD_ENV, "");
            String psql = null;
            Path passwordFile = null;
            boolean deletePasswordFile = false;
            if (url == null && kept != null) {
                out.print("  starting PostgreSQL (kept in " + kept.dataDirectory() + ") ... ");
                embeddedPostgres = kept.start(EmbeddedPostgres.DEMO_PORT);
                url = embeddedPostgres.recreateDatabase(database);
                user = embeddedPostgres.user();
                password = embeddedPostgres.password();
                psql = kept.psqlCommand(embeddedPostgres.port(), database);
                passwordFile = kept.passwordFile();
                out.println("port " + embeddedPostgres.port() + ", database " + database);
            } else if (url == null) {
                out.print("  starting PostgreSQL (embedded) ... ");
                embeddedPostgres =
                        EmbeddedPostgres.builder()
                                .preferredPort(EmbeddedPostgres.DEMO_PORT)
                                .password(LocalPassword.generate())
                                .start();
                url = embeddedPostgres.createDatabase(database);
                user = embeddedPostgres.user();
                password = embeddedPostgres.password();
                psql = embeddedPostgres.psqlCommand(database);
                passwordFile = Files.createTempFile("streamwall-postgres-", ".password");
                deletePasswordFile = true;
                LocalPassword.write(passwordFile, password);
                out.println("port " + embeddedPostgres.port());
            }
            return new LocalServers(
                    embeddedKafka,
                    embeddedPostgres,
                    bootstrap,
                    url,
                    user,
                    password,
                    psql,
                    passwordFile,
                    deletePasswordFile,
                    out);
        } catch (Exception | Error e) {
            if (embeddedKafka != null) {
                embeddedKafka.close();
            }
            if (embeddedPostgres != null) {
                embeddedPostgres.close();
            }
            throw e;
        }
    }

    /**
     * What the database is, e.g. {@code TimescaleDB 2.28.3 on PostgreSQL 15.20}, after the job's
     * migrations; the reason when it cannot be asked.
     */
    public String describeDatabase() {
        try {
            return DatabaseCheck.connect(jdbcUrl, jdbcUser, jdbcPassword, Duration.ofSeconds(5));
        } catch (DatabaseCheck.Unreachable e) {
            return "not described: " + e.getMessage();
        }
    }

    /** Where a job connects, for {@code parallelism}. */
    public DemoEndpoints endpoints(int parallelism) {
        return new DemoEndpoints(
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                passwordFile,
                parallelism,
                kafkaSettings,
                kafkaArgs);
    }

    /** Creates the topics (name → partitions) that do not exist yet. */
    public void createTopics(Map<String, Integer> wanted) throws Exception {
        if (kafka != null) {
            // Waits until every partition's leader serves: a producer's first batch to a leader
            // that has not taken its partition on yet can fail for good.
            kafka.createTopics(wanted);
            return;
        }
        try (Admin admin = Admin.create(adminProperties())) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            wanted.forEach(
                    (name, partitions) -> {
                        if (!existing.contains(name)) {
                            topics.add(new NewTopic(name, partitions, (short) 1));
                        }
                    });
            if (!topics.isEmpty()) {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Whether the broker was started here (and its topics are gone on close). */
    public boolean embeddedKafka() {
        return kafka != null;
    }

    /** Whether the database was started here (and is deleted on close unless it is kept). */
    public boolean embeddedDatabase() {
        return postgres != null;
    }

    /**
     * Connects to the user's Kafka as {@code options} say ({@code --kafka-properties}, {@code
     * --kafka-property}), checked first: a wrong address, file or password is one line.
     */
    public void useKafkaClient(dev.streamwall.common.options.KafkaClientOptions options) {
        var client = options.client(bootstrapServers, System.getenv());
        dev.streamwall.common.kafka.KafkaCheck.connect(client, Duration.ofSeconds(15));
        kafkaSettings = Map.copyOf(client.settingsMap());
        List<String> args = new ArrayList<>();
        if (options.propertiesFile != null) {
            args.addAll(List.of("--kafka-properties", options.propertiesFile.toString()));
        }
        options.properties.forEach((k, v) -> args.addAll(List.of("--kafka-property", k + "=" + v)));
        kafkaArgs = List.copyOf(args);
    }

    /** The client settings of the user's Kafka (empty for the in-process one). */
    public Map<String, String> kafkaSettings() {
        return kafkaSettings;
    }

    /** Admin-client properties for this Kafka. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> p = new java.util.HashMap<>(kafkaSettings);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /** What closing says when it deletes the embedded database; null: nothing. */
    public void deletedNote(String note) {
        this.deletedNote = note;
    }

    /** Whether the database was started here and stays when it stops. */
    public boolean keptDatabase() {
        return postgres != null && postgres.kept();
    }

    @Override
    public void close() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            if (!postgres.kept() && deletedNote != null) {
                out.println(deletedNote);
            }
            postgres.close();
        }
        if (deletePasswordFile) {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (java.io.IOException e) {
                out.println("  (could not delete " + passwordFile + ": " + e.getMessage() + ")");
            }
        }
    }

    /** Kafka's storage formatter prints to stdout; keep the terminal for the user. */
    private static <T> T quietly(Callable<T> start) throws Exception {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return start.call();
        } finally {
            System.setOut(original);
        }
    }
}
