package dev.streamwall.generators.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.wire.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlantPublisherTest {

    @Test
    void sendsReadingsKeyedByMachineAndLabelsToTheirTopic() throws Exception {
        PlantConfig plant =
                PlantConfig.defaults()
                        .withMachines(3)
                        .withDuration(Duration.ofMinutes(50))
                        .withFaults("overheating@M02+40m");
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        PlantPublisher publisher =
                new PlantPublisher(
                                plant,
                                PlantPublisher.Options.defaults("unused:9092")
                                        .withTopics("r", "l")
                                        .withSpeed(0)
                                        .withTransportFaults(
                                                TransportFaults.parse("malformed=0.01")))
                        .withProducer(producer);
        publisher.run();

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        List<ProducerRecord<String, byte[]>> readings =
                sent.stream().filter(r -> r.topic().equals("r")).toList();
        assertThat(publisher.eventsSent()).isEqualTo(3 * 3 * 50 * 60);
        assertThat(readings).hasSize((int) publisher.recordsSent());
        assertThat(publisher.malformedSent()).isPositive();
        assertThat(publisher.sentByFault().get(WireFault.NONE)).isEqualTo(publisher.eventsSent());
        ProducerRecord<String, byte[]> first = readings.get(0);
        SensorReading r = Json.MAPPER.readValue(first.value(), SensorReading.class);
        assertThat(first.key()).isEqualTo(r.machine).isEqualTo("M01");
        assertThat(first.timestamp()).isNull();

        List<FactoryLabel> labels =
                sent.stream().filter(x -> x.topic().equals("l")).map(x -> read(x.value())).toList();
        assertThat(labels).hasSize((int) publisher.labelsSent());
        assertThat(labels)
                .filteredOn(l -> l.type().isFault())
                .singleElement()
                .satisfies(l -> assertThat(l.machine).isEqualTo("M02"));
        assertThat(publisher.simTimeMs())
                .isEqualTo(Duration.ofMinutes(50).minusSeconds(1).toMillis());
    }

    private static FactoryLabel read(byte[] json) {
        try {
            return Json.MAPPER.readValue(json, FactoryLabel.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aReplayOfAMissingFileSaysSo(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FactoryReplayCommand());
        cli.setErr(new PrintWriter(err));
        int code =
                cli.execute("--file", dir.resolve("nope.csv").toString(), "--kafka", "localhost:1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("does not exist");
    }
}
