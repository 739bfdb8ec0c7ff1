package dev.streamwall.common.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Kafka client settings from a file and the command line, secrets from the environment. */
class KafkaClientSettingsTest {

    private static KafkaOptions parse(String... args) {
        KafkaOptions o = new KafkaOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void aFileThenEachPropertyWithVariablesFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("kafka.properties"),
                        "security.protocol=SASL_SSL\n"
                                + "sasl.mechanism=SCRAM-SHA-512\n"
                                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                                + " required username=\"jobs\" password=\"${KAFKA_PASSWORD}\";\n"
                                + "ssl.truststore.location=/etc/kafka/ca.p12\n");
        KafkaOptions o =
                parse(
                        "--kafka", "broker:9093",
                        "--kafka-properties", file.toString(),
                        "--kafka-property", "sasl.mechanism=SCRAM-SHA-256",
                        "--kafka-property", "client.dns.lookup=use_all_dns_ips");
        KafkaClient client = o.client(Map.of("KAFKA_PASSWORD", "s3cret"));

        assertThat(client.bootstrapServers()).isEqualTo("broker:9093");
        assertThat(client.settingsMap())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("client.dns.lookup", "use_all_dns_ips")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12");
        assertThat(client.settingsMap().get("sasl.jaas.config"))
                .endsWith("username=\"jobs\" password=\"s3cret\";");
        assertThat(client.properties().getProperty("bootstrap.servers")).isEqualTo("broker:9093");
    }

    @Test
    void noSettingsIsAPlainClient() {
        assertThat(parse().client(Map.of()).settingsMap()).isEmpty();
    }

    @Test
    void whatIsWrongIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("--kafka-property", "group.id=x").client(Map.of()))
                .hasMessageContaining("group.id is the job's own");
        assertThatThrownBy(
                        () ->
                                parse("--kafka-property", "sasl.jaas.config=p=\"${NOPE}\"")
                                        .client(Map.of()))
                .hasMessageContaining("${NOPE}, which is not set in the environment");
        assertThatThrownBy(
                        () ->
                                parse("--kafka-properties", dir.resolve("absent").toString())
                                        .client(Map.of()))
                .hasMessageContaining("cannot be read");
    }
}
