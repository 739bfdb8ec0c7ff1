package dev.streamwall.generators.f1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.wire.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.junit.jupiter.api.Test;

class F1TelemetryGeneratorTest {

    private static final RaceConfig RACE =
            RaceConfig.builder().seed(5).cars(3).laps(2).sampleHz(5).noFaults().build();

    @Test
    void theSourceIsBoundedToExactlyTheRace() {
        List<Telemetry> race = Races.run(RACE);
        DataGeneratorSource<Telemetry> source = F1TelemetryGenerator.source(RACE);
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(F1TelemetryGenerator.eventCount(RACE)).isEqualTo(race.size());
        assertThat(source.getProducedType().getTypeClass()).isEqualTo(Telemetry.class);
        assertThat(F1TelemetryGenerator.source(RACE, 1000).getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void theNthCallReturnsTheNthSample() throws Exception {
        List<Telemetry> race = Races.run(RACE);
        F1TelemetryGenerator generator = serialisedCopy(new F1TelemetryGenerator(RACE));
        generator.open(null);
        for (long i = 0; i < race.size(); i++) {
            assertThat(json(generator.map(i))).isEqualTo(json(race.get((int) i)));
        }
        assertThatThrownBy(() -> generator.map((long) race.size()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReaderRestoredMidRaceResumesWhereItLeftOff() throws Exception {
        List<Telemetry> race = Races.run(RACE);
        F1TelemetryGenerator restored = new F1TelemetryGenerator(RACE);
        restored.open(null);
        int from = race.size() / 2;
        assertThat(json(restored.map((long) from))).isEqualTo(json(race.get(from)));
        assertThat(json(restored.map((long) from + 1))).isEqualTo(json(race.get(from + 1)));
        assertThat(json(restored.map(3L))).isEqualTo(json(race.get(3)));
    }

    private static String json(Telemetry t) {
        return Json.toString(t);
    }

    @SuppressWarnings("unchecked")
    private static <T> T serialisedCopy(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        assertThat(bytes.size())
                .as("a small function to ship to the task managers")
                .isLessThan(20_000);
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
