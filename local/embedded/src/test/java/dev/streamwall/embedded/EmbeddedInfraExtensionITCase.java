package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedInfraExtension.class)
class EmbeddedInfraExtensionITCase {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration EMPTY_TOPIC_WAIT = Duration.ofSeconds(1);

    @Test
    void roundTripsRecordsThroughAFreshTopic(EmbeddedInfra infra) {
        String topic = infra.freshTopic("telemetry", 3);
        List<KeyValue> records =
                List.of(
                        KeyValue.of("car-44", "{\"lap\":1}"),
                        KeyValue.of("car-16", "{\"lap\":1}"),
                        KeyValue.of(null, "no key"),
                        KeyValue.of("car-44", null));

        KafkaTestUtils.produce(infra.bootstrapServers(), topic, records);
        List<ConsumedRecord> consumed =
                KafkaTestUtils.consume(infra.bootstrapServers(), topic, 4, READ_TIMEOUT);

        assertThat(topic).startsWith("telemetry-roundTripsRecordsThroughAFreshTopic-");
        assertThat(infra.kafka().listTopics()).contains(topic);
        assertThat(consumed)
                .extracting(r -> KeyValue.of(r.key(), r.value()))
                .containsExactlyInAnyOrderElementsOf(records);
        assertThat(consumed).allSatisfy(r -> assertThat(r.timestamp()).isPositive());
    }

    @Test
    void readsHeadersForDeadLetterAssertions(EmbeddedInfra infra) throws Exception {
        String deadLetters = infra.freshTopic("telemetry-dlq");
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(deadLetters, null, 1_700_000_000_000L, "car-44", "{bad");
            record.headers().add("error", "JsonParseException".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        List<ConsumedRecord> consumed =
                KafkaTestUtils.consume(infra.bootstrapServers(), deadLetters, 1, READ_TIMEOUT);

        assertThat(consumed)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.key()).isEqualTo("car-44");
                            assertThat(r.value()).isEqualTo("{bad");
                            assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L);
                            assertThat(r.header("error")).isEqualTo("JsonParseException");
                            assertThat(r.header("missing")).isNull();
                        });
    }

    @Test
    void readingATopicToItsEndNeedsNoTimeout(EmbeddedInfra infra) {
        String topic = infra.freshTopic("to-end", 2);
        KafkaTestUtils.produce(
                infra.bootstrapServers(),
                topic,
                List.of(KeyValue.of("a", "1"), KeyValue.of("b", "2"), KeyValue.of("c", "3")));

        assertThat(
                        KafkaTestUtils.consumeAll(
                                infra.bootstrapServers(), topic, Duration.ofSeconds(30)))
                .extracting(ConsumedRecord::value)
                .containsExactlyInAnyOrder("1", "2", "3");
        assertThat(
                        KafkaTestUtils.consumeAll(
                                infra.bootstrapServers(),
                                infra.freshTopic("none", 2),
                                Duration.ofSeconds(30)))
                .isEmpty();
    }

    @Test
    void readingUntilQuietTakesWhatCameBeforeTheSilence(EmbeddedInfra infra) {
        String topic = infra.freshTopic("quiet", 2);
        KafkaTestUtils.produce(
                infra.bootstrapServers(),
                topic,
                List.of(KeyValue.of("a", "1"), KeyValue.of("b", "2"), KeyValue.of("c", "3")));

        long start = System.nanoTime();
        List<ConsumedRecord> read =
                KafkaTestUtils.consumeUntilQuiet(
                        infra.bootstrapServers(), topic, EMPTY_TOPIC_WAIT, READ_TIMEOUT);

        assertThat(read).extracting(ConsumedRecord::value).containsExactlyInAnyOrder("1", "2", "3");
        // It ended at the silence, not at the timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(READ_TIMEOUT);
    }

    @Test
    void readingAnEmptyTopicReturnsNothingAfterTheTimeout(EmbeddedInfra infra) {
        String topic = infra.freshTopic("empty", 2);

        assertThat(
                        KafkaTestUtils.consume(
                                infra.bootstrapServers(),
                                topic,
                                Integer.MAX_VALUE,
                                EMPTY_TOPIC_WAIT))
                .isEmpty();
    }

    @Test
    void freshDatabasesAreSeparate(EmbeddedInfra infra) throws Exception {
        String first = infra.freshDatabase();
        String second = infra.freshDatabase();

        assertThat(first).isNotEqualTo(second);
        execute(first, "CREATE TABLE laps (car TEXT PRIMARY KEY, lap INT)");
        execute(first, "INSERT INTO laps VALUES ('car-44', 12)");
        execute(second, "CREATE TABLE laps (car TEXT PRIMARY KEY, lap INT)");
        execute(second, "INSERT INTO laps VALUES ('car-16', 3), ('car-1', 4)");

        assertThat(cars(first)).containsExactly("car-44");
        assertThat(cars(second)).containsExactly("car-1", "car-16");
    }

    @Test
    void everyTestSharesOneBrokerAndOneServer(
            EmbeddedInfra infra, EmbeddedKafka kafka, EmbeddedPostgres postgres) {
        assertThat(kafka).isSameAs(infra.kafka());
        assertThat(postgres).isSameAs(infra.postgres());
        assertThat(postgres.psqlCommand("postgres"))
                .isEqualTo("psql -h localhost -p " + postgres.port() + " -U postgres postgres");
    }

    private static void execute(String jdbcUrl, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> cars(String jdbcUrl) throws Exception {
        List<String> cars = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT car FROM laps ORDER BY car")) {
            while (rows.next()) {
                cars.add(rows.getString(1));
            }
        }
        return cars;
    }
}
