package dev.streamwall.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real single-node Kafka broker (KRaft, broker and controller combined) inside this JVM. */
public final class EmbeddedKafka implements AutoCloseable {

    /** The port the demo runner prefers, so that {@code localhost:9092} works from a shell. */
    public static final int DEMO_PORT = 9092;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** The user the SCRAM listener knows, and its password. */
    public static final String SCRAM_USER = "streamwall";

    public static final String SCRAM_PASSWORD = "scram-secret-for-tests";

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClusterTestKit cluster;
    private final Path dataDirectory;
    private final String bootstrapServers;
    private final int port;
    private final Admin admin;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private String scramBootstrapServers;

    EmbeddedKafka(
            KafkaClusterTestKit cluster, Path dataDirectory, String bootstrapServers, int port) {
        this.cluster = cluster;
        this.dataDirectory = dataDirectory;
        this.bootstrapServers = bootstrapServers;
        this.port = port;
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                AdminClientConfig.CLIENT_ID_CONFIG,
                                "streamwall-embedded-admin"));
        // Ctrl-C on the demo runner should still delete the data directory.
        this.shutdownHook = new Thread(this::close, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker on a random port with its data under {@code java.io.tmpdir}. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code localhost:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int port() {
        return port;
    }

    /**
     * {@code localhost:PORT} of the SASL_PLAINTEXT listener that accepts {@link #SCRAM_USER} with
     * SCRAM-SHA-256; null unless the builder asked for it ({@link Builder#scramListener()}).
     */
    public String scramBootstrapServers() {
        return scramBootstrapServers;
    }

    /**
     * Writes {@link #scramClientSettings} as a properties file ({@code --kafka-properties}) to
     * {@code file} and returns it.
     */
    public static Path writeScramProperties(Path file, String user, String password)
            throws IOException {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(scramClientSettings(user, password))
                .forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return Files.writeString(file, b);
    }

    /** The client settings of a SCRAM-SHA-256 login as {@code user} with {@code password}. */
    public static Map<String, String> scramClientSettings(String user, String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\""
                                + user
                                + "\" password=\""
                                + password
                                + "\";");
    }

    /** Creates the SCRAM user and remembers the listener's address. */
    void enableScram(int scramPort) throws Exception {
        admin.alterUserScramCredentials(
                        List.of(
                                new UserScramCredentialUpsertion(
                                        SCRAM_USER,
                                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096),
                                        SCRAM_PASSWORD)))
                .all()
                .get(30, TimeUnit.SECONDS);
        scramBootstrapServers = "localhost:" + scramPort;
    }

    /** The broker's log and metadata directory, deleted by {@link #close()}. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Creates a topic with one replica and waits until it has a leader for every partition. */
    public void createTopic(String name, int partitions) {
        createTopics(Map.of(name, partitions));
    }

    /**
     * Creates topics (name → partitions) with one replica each and waits until every partition has
     * a leader. A topic that already exists is left as it is.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        checkOpen();
        List<NewTopic> newTopics = new ArrayList<>();
        partitionsByTopic.forEach(
                (name, partitions) ->
                        newTopics.add(
                                new NewTopic(
                                        name, Optional.of(partitions), Optional.of((short) 1))));
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        for (Map.Entry<String, KafkaFuture<Void>> created :
                admin.createTopics(newTopics).values().entrySet()) {
            try {
                created.getValue().get(remaining(deadline), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "Could not create topic " + created.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "Topic " + created.getKey() + " not created within " + TOPIC_TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted creating topics", e);
            }
        }
        awaitLeaders(partitionsByTopic.keySet(), deadline);
    }

    /** Names of the topics that clients can see (internal topics excluded). */
    public List<String> listTopics() {
        checkOpen();
        try {
            return admin
                    .listTopics()
                    .names()
                    .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream()
                    .sorted()
                    .toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not list topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted listing topics", e);
        }
    }

    /**
     * The offsets consumer group {@code group} has committed on {@code topic}, summed over its
     * partitions (0 where it has committed none): a job that commits its offsets with its
     * checkpoints has read and checkpointed this many records (and transaction markers).
     */
    public long committedOffsets(String group, String topic) {
        checkOpen();
        try {
            return admin
                    .listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .entrySet()
                    .stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Could not read the offsets of " + group + " on " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading the offsets of " + group, e);
        }
    }

    /** The end offsets of {@code topic}'s partitions, summed. */
    public long endOffsets(String topic) {
        return partitionEnds(topic).stream().mapToLong(Long::longValue).sum();
    }

    /** The end offset of each of {@code topic}'s partitions, by partition number. */
    public List<Long> partitionEnds(String topic) {
        checkOpen();
        try {
            var partitions =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .get(topic)
                            .partitions();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            partitions.forEach(
                    p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends =
                    admin.listOffsets(latest)
                            .all()
                            .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<Long> out = new ArrayList<>();
            for (int p = 0; p < partitions.size(); p++) {
                out.add(ends.get(new TopicPartition(topic, p)).offset());
            }
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading the end offsets of " + topic, e);
        }
    }

    /**
     * Restarts the broker as an operator's rolling restart does: the broker stops (its clients lose
     * their connections and every request fails), stays down for {@code down}, then starts again on
     * the same ports with the same data and serves clients before this returns. The controller
     * (KRaft metadata) stays up. Returns how long clients could not be served.
     */
    public Duration restartBroker(Duration down) {
        checkOpen();
        long began = System.nanoTime();
        for (var broker : cluster.brokers().values()) {
            broker.shutdown();
            broker.awaitShutdown();
        }
        sleep(down);
        try {
            for (var broker : cluster.brokers().values()) {
                broker.startup();
            }
            cluster.waitForReadyBrokers();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The Kafka broker did not start again", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted restarting the Kafka broker", e);
        }
        awaitLeaders(listTopics(), System.nanoTime() + TOPIC_TIMEOUT.toNanos());
        Duration away = Duration.ofNanos(System.nanoTime() - began);
        LOG.info("Kafka broker {} restarted: away {} ms", bootstrapServers, away.toMillis());
        return away;
    }

    /** Stops the broker, frees its port and deletes its data directory; safe to call twice. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long started = System.nanoTime();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook finds this instance closed.
            }
        }
        admin.close(ADMIN_CLOSE_TIMEOUT);
        try {
            cluster.close();
        } catch (Exception e) {
            // The test kit rethrows faults recorded while running; the broker is down either way.
            LOG.warn("Kafka broker at {} reported an error while stopping", bootstrapServers, e);
        }
        deleteQuietly(dataDirectory);
        LOG.info(
                "Kafka broker at {} stopped in {} ms",
                bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return "EmbeddedKafka{" + bootstrapServers + ", " + dataDirectory + "}";
    }

    private void awaitLeaders(Iterable<String> topics, long deadline) {
        List<String> names = new ArrayList<>();
        topics.forEach(names::add);
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(names)
                                .allTopicNames()
                                .get(remaining(deadline), TimeUnit.NANOSECONDS);
                if (descriptions.values().stream()
                                .flatMap(d -> d.partitions().stream())
                                .map(TopicPartitionInfo::leader)
                                .allMatch(Objects::nonNull)
                        && serving(descriptions, deadline)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Could not describe topics " + names, e);
                }
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for topics " + names, e);
            }
            if (remaining(deadline) <= 0) {
                break;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException(
                "Topics " + names + " have no leader within " + TOPIC_TIMEOUT);
    }

    /**
     * Whether the leaders answer for every partition: the metadata can name a leader before the
     * broker has taken the partition on, and a producer's first batch then fails with
     * NOT_LEADER_OR_FOLLOWER (its idempotent retries can end in OutOfOrderSequence and expire). A
     * list-offsets request goes to the leader itself, so it succeeds only once it serves.
     */
    private boolean serving(Map<String, TopicDescription> descriptions, long deadline)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        descriptions.forEach(
                (name, d) ->
                        d.partitions()
                                .forEach(
                                        p ->
                                                latest.put(
                                                        new TopicPartition(name, p.partition()),
                                                        OffsetSpec.latest())));
        try {
            admin.listOffsets(latest).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException notYet) {
            return false;
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static void deleteQuietly(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", directory, e);
        }
    }

    /** Options for {@link EmbeddedKafka}; all have defaults. */
    public static final class Builder {

        private int preferredPort;
        private Path baseDirectory;
        private final Map<String, String> brokerConfig = new LinkedHashMap<>();

        private boolean scram;

        private Builder() {}

        /** Adds a SASL_PLAINTEXT listener with SCRAM-SHA-256 logins ({@link #SCRAM_USER}). */
        public Builder scramListener() {
            this.scram = true;
            return this;
        }

        /**
         * Clients connect on this port if it is free when the broker starts, otherwise on a random
         * one (check {@link #bootstrapServers()}). {@code 0}, the default, means random.
         */
        public Builder preferredPort(int port) {
            this.preferredPort = Ports.checkPreferred(port);
            return this;
        }

        /**
         * The directory to create the broker's data directory in; default {@code java.io.tmpdir}.
         */
        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = Objects.requireNonNull(baseDirectory);
            return this;
        }

        /**
         * A broker setting, e.g. {@code auto.create.topics.enable=false}; wins over the defaults.
         */
        public Builder brokerConfig(String key, String value) {
            brokerConfig.put(key, value);
            return this;
        }

        /** Formats a fresh data directory and starts the broker; returns once it serves clients. */
        public EmbeddedKafka start() {
            QuietLogging.apply();
            return Ports.startPreferring(
                    preferredPort,
                    "Kafka",
                    fixedPort ->
                            KafkaBrokerLauncher.launch(
                                    fixedPort, baseDirectory, scram, brokerConfig));
        }
    }
}
