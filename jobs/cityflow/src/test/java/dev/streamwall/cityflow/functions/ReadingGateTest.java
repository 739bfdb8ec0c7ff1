package dev.streamwall.cityflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.kafka.DeadLetterSplitter;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.DecodingDeserializer;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import dev.streamwall.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Decoding, validation and the road check, on Flink's broadcast operator harness. */
class ReadingGateTest {

    private static final long TS = 1_772_522_400_000L;

    private final DecodingDeserializer<RoadReading> deserializer =
            new DecodingDeserializer<>(
                    "cityflow",
                    new RoadReadingDecoder(),
                    new TypeHint<Decoded<RoadReading>>() {}.getTypeInfo());

    private Decoded<RoadReading> wire(long offset, String json) {
        return deserializer.decode(
                Topics.CITY_READINGS, 0, offset, null, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reading(String road, double speed) {
        return "{\"ts\":"
                + TS
                + ",\"sensor\":\""
                + road
                + "-a\",\"road\":\""
                + road
                + "\",\"speed\":"
                + speed
                + ",\"flow\":900,\"occupancy\":0.12}";
    }

    private static RoadRecord road(String id) {
        RoadRecord r = new RoadRecord();
        r.road = id;
        r.from = "A";
        r.to = "B";
        r.lengthM = 500;
        r.lanes = 2;
        r.freeFlowKmh = 50;
        r.capacityVph = 1800;
        r.ts = 1;
        return r;
    }

    private static BroadcastOperatorTestHarness<Decoded<RoadReading>, RoadRecord, RoadReading>
            harness(Map<String, RoadRecord> initial) throws Exception {
        return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                new ReadingGate("cityflow", new RoadGraphState(initial)),
                RoadGraphState.DESCRIPTOR);
    }

    private static List<DeadLetter> letters(
            BroadcastOperatorTestHarness<Decoded<RoadReading>, RoadRecord, RoadReading> h) {
        var out = h.getSideOutput(DeadLetterSplitter.DEAD_LETTERS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void readingsAndRoadsTakeTheDecodersFastReading() {
        assertThat(new RoadReadingDecoder().readsPlainRecordsFast()).isTrue();
        assertThat(new RoadRecordDecoder().readsPlainRecordsFast()).isTrue();
    }

    @Test
    void withoutAGraphEveryWellFormedReadingPasses() throws Exception {
        try (var h = harness(Map.of())) {
            h.processElement(new StreamRecord<>(wire(0, reading("RING-N", 80)), TS));
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(r -> assertThat(r.road).isEqualTo("RING-N"));
        }
    }

    @Test
    void roadsAddedAndRemovedWhileRunningChangeWhatPasses() throws Exception {
        try (var h = harness(Map.of("R1", road("R1")))) {
            h.processElement(new StreamRecord<>(wire(0, reading("R1", 40)), TS));
            h.processElement(new StreamRecord<>(wire(1, reading("R2", 40)), TS));
            assertThat(letters(h))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.reason).isEqualTo(ReadingGate.UNKNOWN_ROAD);
                                assertThat(d.id).isEqualTo("city.readings/0/1");
                                assertThat(d.sourceOffset).isEqualTo(1);
                                assertThat(d.detail).contains("R2").contains("roads topic");
                                assertThat(d.payload).contains("\"road\":\"R2\"");
                            });

            h.processBroadcastElement(new StreamRecord<>(road("R2"), TS));
            RoadRecord gone = road("R1");
            gone.removed = true;
            gone.ts = 2;
            h.processBroadcastElement(new StreamRecord<>(gone, TS));
            h.processElement(new StreamRecord<>(wire(2, reading("R2", 40)), TS));
            h.processElement(new StreamRecord<>(wire(3, reading("R1", 40)), TS));

            assertThat(h.extractOutputValues()).extracting(r -> r.road).containsExactly("R1", "R2");
            assertThat(letters(h))
                    .extracting(d -> d.id)
                    .containsExactly("city.readings/0/1", "city.readings/0/3");
        }
    }

    @Test
    void malformedReadingsAreDeadLetteredWithWhatWasWrong() throws Exception {
        try (var h = harness(Map.of())) {
            h.processElement(new StreamRecord<>(wire(0, reading("R1", 420)), TS));
            h.processElement(
                    new StreamRecord<>(wire(1, reading("R1", 40).replace("0.12", "12")), TS));
            h.processElement(
                    new StreamRecord<>(
                            wire(2, "{\"ts\":" + TS + ",\"sensor\":\"R1-a\",\"speed\":40}"), TS));
            h.processElement(
                    new StreamRecord<>(
                            wire(
                                    3,
                                    reading("R1", 40)
                                            .replace(",\"speed\":40.0", ",\"speed\":\"jammed\"")),
                            TS));
            h.processElement(
                    new StreamRecord<>(
                            wire(4, reading("R1", 40).replace(String.valueOf(TS), "1772522400")),
                            TS));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(letters(h))
                    .extracting(d -> d.reason + ": " + d.detail)
                    .satisfiesExactly(
                            d -> assertThat(d).startsWith("OUT_OF_RANGE").contains("speed 420.0"),
                            d ->
                                    assertThat(d)
                                            .startsWith("OUT_OF_RANGE")
                                            .contains("not a percentage"),
                            d -> assertThat(d).startsWith("MISSING_FIELD").contains("road"),
                            d -> assertThat(d).startsWith("WRONG_TYPE").contains("speed"),
                            d ->
                                    assertThat(d)
                                            .startsWith("OUT_OF_RANGE")
                                            .contains("epoch milliseconds"));
        }
    }

    @Test
    void badRoadRecordsAreRejectedWithTheReason() {
        RoadRecordDecoder decoder = new RoadRecordDecoder();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        "{\"road\":\"R9\",\"from\":\"A\",\"to\":\"B\",\"length_m\":0,\"lanes\":2,\"free_flow_kmh\":50,\"capacity_vph\":1800}"
                                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("must be positive");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        "{\"road\":\"R9\",\"lanes\":2}"
                                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'from' and 'to'");
    }
}
