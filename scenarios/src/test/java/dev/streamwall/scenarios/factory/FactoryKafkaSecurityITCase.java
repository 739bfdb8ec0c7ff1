package dev.streamwall.scenarios.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.kafka.KafkaCheck;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.EmbeddedKafka;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.wire.TransportFaults;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The factory job on a broker that requires a login (SASL_PLAINTEXT, SCRAM-SHA-256), its client
 * settings given as {@code --kafka-property}: every source and sink logs in with the right
 * password; a wrong one ends the start at once with one line, before anything is submitted.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class FactoryKafkaSecurityITCase implements MiniClusterTest {

    private static final PlantConfig PLANT =
            PlantConfig.defaults()
                    .withSeed(13)
                    .withMachines(2)
                    .withStart(Instant.parse("2026-03-02T05:00:00Z"))
                    // Past the cold start, which the job learns (a warm-up is no fault).
                    .withDuration(Duration.ofMinutes(40))
                    .withFaults("overheating@M02+24m");

    @Test
    void everySourceAndSinkLogsInWithScram(EmbeddedInfra infra) throws Exception {
        FactoryStack stack = new FactoryStack(infra).publish(PLANT, TransportFaults.NONE);
        stack.overScram(EmbeddedKafka.SCRAM_PASSWORD);
        assertThat(stack.args("scram")).contains("localhost:" + scramPort(infra));

        stack.runToEnd("scram");

        assertThat(stack.count("SELECT count(*) FROM sensor_readings"))
                .isEqualTo(stack.publisher.eventsSent());
        assertThat(stack.count("SELECT count(*) FROM maintenance_alerts")).isPositive();
        assertThat(stack.consume(stack.alerts, 1, Duration.ofSeconds(30)))
                .as("the alerts topic, written through the SCRAM listener")
                .isNotEmpty();
    }

    @Test
    void aWrongPasswordEndsTheStartInOneLine(EmbeddedInfra infra) {
        FactoryStack stack = new FactoryStack(infra);
        stack.overScram("not-the-password");
        long started = System.nanoTime();
        assertThatThrownBy(() -> stack.runToEnd("wrong-password"))
                .isInstanceOf(KafkaCheck.Unreachable.class)
                .hasMessageContaining("cannot use Kafka at localhost:" + scramPort(infra))
                .hasMessageContaining("Authentication failed")
                .hasMessageContaining("--kafka-property")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theGeneratorWritesThroughTheScramListener(EmbeddedInfra infra) {
        String topic = "scram-generator-readings";
        String labels = "scram-generator-labels";
        infra.kafka().createTopics(java.util.Map.of(topic, 2, labels, 1));
        java.util.List<String> args =
                new java.util.ArrayList<>(
                        java.util.List.of(
                                "factory",
                                "--kafka",
                                infra.kafka().scramBootstrapServers(),
                                "--topic",
                                topic,
                                "--labels-topic",
                                labels,
                                "--machines",
                                "2",
                                "--sim-duration",
                                "2m",
                                "--faults",
                                "none",
                                "--speed",
                                "0"));
        EmbeddedKafka.scramClientSettings(EmbeddedKafka.SCRAM_USER, EmbeddedKafka.SCRAM_PASSWORD)
                .forEach((k, v) -> args.addAll(java.util.List.of("--kafka-property", k + "=" + v)));
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = dev.streamwall.generators.GeneratorCli.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        assertThat(cli.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
        // 2 machines x 3 sensors x 120 s, read back through the plaintext listener.
        assertThat(
                        dev.streamwall.embedded.KafkaTestUtils.consume(
                                infra.kafka().bootstrapServers(),
                                topic,
                                720,
                                Duration.ofSeconds(30)))
                .hasSize(720);

        // A setting the generator owns is refused in one line, before anything is sent.
        java.io.StringWriter refused = new java.io.StringWriter();
        picocli.CommandLine again = dev.streamwall.generators.GeneratorCli.commandLine();
        again.setErr(new java.io.PrintWriter(refused, true));
        args.addAll(java.util.List.of("--kafka-property", "key.serializer=x"));
        assertThat(again.execute(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(refused.toString().lines().findFirst().orElseThrow())
                .contains("Kafka setting key.serializer is the job's own");
    }

    private static int scramPort(EmbeddedInfra infra) {
        String servers = infra.kafka().scramBootstrapServers();
        return Integer.parseInt(servers.substring(servers.indexOf(':') + 1));
    }
}
