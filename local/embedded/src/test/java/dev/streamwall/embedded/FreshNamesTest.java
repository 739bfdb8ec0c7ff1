package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FreshNamesTest {

    @Test
    void topicNameCarriesPrefixTestAndSequence() {
        assertThat(FreshNames.topic("telemetry", "roundTripsRecords", 7))
                .isEqualTo("telemetry-roundTripsRecords-7");
    }

    @Test
    void topicNameReplacesCharactersKafkaRejects() {
        assertThat(FreshNames.topic("pitwall.laps", "[1] car #44 / lap", 2))
                .isEqualTo("pitwall.laps-1-car-44-lap-2")
                .matches("[a-zA-Z0-9._-]+");
    }

    @Test
    void topicNameKeepsLongTestNamesShort() {
        String topic = FreshNames.topic("t", "x".repeat(500), 1);

        assertThat(topic).hasSizeLessThanOrEqualTo(249).endsWith("-1");
    }

    @Test
    void topicPrefixMustBeALegalTopicName() {
        assertThatThrownBy(() -> FreshNames.topic("bad prefix", "test", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void databaseNameIsALowerCaseIdentifier() {
        assertThat(FreshNames.database("writesLapsToPostgres()", 3))
                .isEqualTo("test_3_writeslapstopostgres");
    }

    @Test
    void databaseNameFitsPostgresIdentifierLimit() {
        String name = FreshNames.database("a".repeat(100), 12345);

        assertThat(name).hasSize(63).startsWith("test_12345_");
        EmbeddedPostgres.checkDatabaseName(name);
    }

    @Test
    void sequenceNeverRepeats() {
        assertThat(FreshNames.next()).isLessThan(FreshNames.next());
    }
}
