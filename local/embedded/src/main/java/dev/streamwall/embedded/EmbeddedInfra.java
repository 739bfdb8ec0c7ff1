package dev.streamwall.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test gets from {@link EmbeddedInfraExtension}: the test run's shared Kafka broker and
 * PostgreSQL server, each started on first use, and fresh topics and databases named after the
 * test.
 */
public final class EmbeddedInfra {

    private final ExtensionContext context;

    EmbeddedInfra(ExtensionContext context) {
        this.context = context;
    }

    /** The broker shared by every test of this JVM; never close it. */
    public EmbeddedKafka kafka() {
        return EmbeddedInfraExtension.sharedKafka(context);
    }

    /** The PostgreSQL server shared by every test of this JVM; never close it. */
    public EmbeddedPostgres postgres() {
        return EmbeddedInfraExtension.sharedPostgres(context);
    }

    /**
     * The TimescaleDB server named by {@code STREAMWALL_TIMESCALEDB_URL}; a test that asks for it
     * is skipped without one (and fails on CI).
     */
    public TimescaleServer timescale() {
        return EmbeddedInfraExtension.sharedTimescale(context);
    }

    /**
     * Creates a database that no other test uses on the TimescaleDB server, owned by a role of the
     * same name without special attributes, with its writer and reader roles.
     */
    public TimescaleServer.Database freshTimescaleDatabase() {
        return timescale().createDatabase(FreshNames.database(testName(), FreshNames.next()));
    }

    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    /** Creates a topic with one partition and a name no other test uses, and returns the name. */
    public String freshTopic(String prefix) {
        return freshTopic(prefix, 1);
    }

    /** Creates a topic with a name no other test uses, e.g. {@code telemetry-myTest-3}. */
    public String freshTopic(String prefix, int partitions) {
        String topic = FreshNames.topic(prefix, testName(), FreshNames.next());
        kafka().createTopic(topic, partitions);
        return topic;
    }

    /** Creates an empty database that no other test uses and returns its JDBC URL. */
    public String freshDatabase() {
        return postgres().createDatabase(FreshNames.database(testName(), FreshNames.next()));
    }

    private String testName() {
        return context.getTestMethod()
                .map(method -> method.getName())
                .orElseGet(() -> context.getRequiredTestClass().getSimpleName());
    }
}
