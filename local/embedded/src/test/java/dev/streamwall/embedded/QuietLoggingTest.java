package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

class QuietLoggingTest {

    @Test
    void turnsBrokerAndPostgresLoggersDownToWarnOnly() {
        QuietLogging.apply();

        assertThat(LogManager.getLogger("org.apache.kafka.controller.QuorumController"))
                .satisfies(logger -> assertThat(logger.isInfoEnabled()).isFalse())
                .satisfies(logger -> assertThat(logger.isWarnEnabled()).isTrue());
        assertThat(LogManager.getLogger("kafka.server.BrokerServer").isInfoEnabled()).isFalse();
        assertThat(LogManager.getLogger("io.zonky.test.db.postgres.embedded").isInfoEnabled())
                .isFalse();
        assertThat(LogManager.getLogger(EmbeddedKafka.class).isInfoEnabled()).isTrue();
    }
}
