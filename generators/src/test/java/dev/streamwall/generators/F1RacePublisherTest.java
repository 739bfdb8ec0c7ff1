package dev.streamwall.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.generators.f1.FaultLabel;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.wire.Json;
import dev.streamwall.wire.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class F1RacePublisherTest {

    private static final F1RacePublisher.Options FAST =
            F1RacePublisher.Options.defaults("unused:9092").withSpeed(0);

    private static MockProducer<String, byte[]> producer() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void sendsEveryTelemetrySampleKeyedByCarAndEveryLabel() throws Exception {
        RaceConfig race = RaceConfig.builder().seed(6).cars(6).laps(9).sampleHz(2).build();
        MockProducer<String, byte[]> producer = producer();
        F1RacePublisher publisher = new F1RacePublisher(race, FAST, producer);
        publisher.run();

        long expected = RaceSimulator.countEvents(race);
        List<ProducerRecord<String, byte[]>> telemetry =
                producer.history().stream()
                        .filter(r -> r.topic().equals(Topics.F1_TELEMETRY))
                        .toList();
        List<ProducerRecord<String, byte[]>> labels =
                producer.history().stream()
                        .filter(r -> r.topic().equals(Topics.F1_LABELS))
                        .toList();
        assertThat(telemetry).hasSize((int) expected);
        assertThat(publisher.eventsSent()).isEqualTo(expected);
        assertThat(publisher.recordsSent()).isEqualTo(expected);
        assertThat(labels).hasSize(5);
        assertThat(publisher.labelsSent()).isEqualTo(5);
        assertThat(publisher.isFinished()).isTrue();
        assertThat(publisher.failure()).isNull();
        assertThat(publisher.leaderLap()).isEqualTo(10);

        for (ProducerRecord<String, byte[]> r : telemetry.subList(0, 500)) {
            assertThat(r.timestamp()).as("Kafka stamps CreateTime itself").isNull();
            Telemetry t = Json.MAPPER.readValue(r.value(), Telemetry.class);
            assertThat(r.key()).isEqualTo(Integer.toString(t.car));
            assertThat(t.raceId).isEqualTo("silverstone-6");
        }
        FaultLabel label = Json.MAPPER.readValue(labels.get(0).value(), FaultLabel.class);
        assertThat(labels.get(0).key()).isEqualTo(Integer.toString(label.car));
        assertThat(label.endTs).isGreaterThan(label.startTs);
    }

    @Test
    void transportFaultsAreCountedAsTheyAreSent() {
        RaceConfig race =
                RaceConfig.builder()
                        .seed(2)
                        .cars(4)
                        .laps(2)
                        .sampleHz(10)
                        .noFaults()
                        .transportFaults(new TransportFaults(0.01, 0.005, 0.01, 0.02))
                        .build();
        MockProducer<String, byte[]> producer = producer();
        F1RacePublisher publisher = new F1RacePublisher(race, FAST, producer);
        publisher.run();
        assertThat(publisher.malformedSent()).isPositive();
        assertThat(publisher.sentByFault().get(WireFault.DUPLICATE)).isPositive();
        assertThat(publisher.sentByFault().get(WireFault.LATE)).isPositive();
        assertThat(publisher.recordsSent())
                .isEqualTo(
                        publisher.eventsSent()
                                + publisher.malformedSent()
                                + publisher.sentByFault().get(WireFault.DUPLICATE));
        assertThat(producer.history()).hasSize((int) publisher.recordsSent());
    }

    @Test
    void simulatedTimeRunsAtTheRequestedSpeed() {
        RaceConfig race = RaceConfig.builder().cars(4).laps(2).sampleHz(10).noFaults().build();
        // 400 samples are 10 s of race; at 50x that is 0.2 s of wall clock.
        F1RacePublisher publisher =
                new F1RacePublisher(race, FAST.withSpeed(50).withMaxEvents(400), producer());
        long start = System.nanoTime();
        publisher.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(publisher.eventsSent()).isEqualTo(400);
        assertThat(ms).isBetween(180L, 2_000L);
        assertThat(publisher.simTimeMs()).isEqualTo(9_900);
    }

    @Test
    void theRateCapLimitsSamplesPerSecond() {
        RaceConfig race = RaceConfig.builder().cars(4).laps(2).sampleHz(10).noFaults().build();
        F1RacePublisher publisher =
                new F1RacePublisher(race, FAST.withMaxRate(2_000).withMaxEvents(600), producer());
        long start = System.nanoTime();
        publisher.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isBetween(290L, 3_000L);
    }

    @Test
    void aStartedRunStopsOnRequest() throws Exception {
        RaceConfig race = RaceConfig.builder().cars(2).laps(3).sampleHz(10).noFaults().build();
        F1RacePublisher publisher =
                new F1RacePublisher(race, FAST.withSpeed(1), producer()).start();
        Thread.sleep(300);
        assertThat(publisher.isRunning()).isTrue();
        publisher.stop();
        assertThat(publisher.awaitTermination(Duration.ofSeconds(5))).isTrue();
        assertThat(publisher.isFinished()).isTrue();
        assertThat(publisher.eventsSent()).isBetween(1L, 20L);
        assertThatThrownBy(publisher::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void producerSettingsAreDurableAndPortable() {
        Properties p =
                F1RacePublisher.producerProperties(F1RacePublisher.Options.defaults("broker:9092"));
        assertThat(p.getProperty(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(p.getProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo("true");
        assertThat(Integer.parseInt(p.getProperty(ProducerConfig.LINGER_MS_CONFIG)))
                .isBetween(5, 20);
        assertThat(p.getProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isIn("lz4", "none");
        assertThatThrownBy(() -> FAST.withSpeed(-1)).hasMessageContaining("speed");
        assertThatThrownBy(() -> FAST.withCompression("zstd")).hasMessageContaining("lz4 or none");
    }
}
