package dev.streamwall.pitwall.workflow;

import static dev.streamwall.pitwall.Fixtures.HAM;
import static dev.streamwall.pitwall.Fixtures.LAP_MS;
import static dev.streamwall.pitwall.Fixtures.LEC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.DecodingDeserializer;
import dev.streamwall.common.kafka.KafkaSources;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.Fixtures;
import dev.streamwall.pitwall.functions.TelemetryDecoder;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.StintOutlook;
import dev.streamwall.pitwall.records.StrategyDecision;
import dev.streamwall.wire.Json;
import dev.streamwall.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The pitwall graph on a MiniCluster with bounded, in-memory input: laps, calls and alerts come
 * out.
 */
class PitwallWorkflowITCase implements MiniClusterTest {

    private static final long SAMPLE_MS = 100;
    private static final int LAPS = 3;

    /**
     * Two cars lapping at 10 Hz, as JSON through the real decoder, plus one record that is not
     * JSON.
     */
    private static DataStream<Decoded<Telemetry>> input(
            StreamExecutionEnvironment env, long engineHotFromMs) {
        TypeInformation<Decoded<Telemetry>> type =
                new TypeHint<Decoded<Telemetry>>() {}.getTypeInfo();
        DecodingDeserializer<Telemetry> deserializer =
                new DecodingDeserializer<>("pitwall", new TelemetryDecoder(Set.of(LEC, HAM)), type);
        List<Decoded<Telemetry>> records = new ArrayList<>();
        long offset = 0;
        for (long ms = 0; ms < LAPS * LAP_MS + 5_000; ms += SAMPLE_MS) {
            for (int car : new int[] {LEC, HAM}) {
                Telemetry t = Fixtures.onTrack(car, ms);
                t.totalLaps = LAPS;
                if (car == HAM && ms >= engineHotFromMs && ms < engineHotFromMs + 20_000) {
                    t.engineTemp = 131 + (ms % 7) / 10.0;
                }
                records.add(
                        deserializer.decode(
                                Topics.F1_TELEMETRY, 0, offset++, null, Json.toBytes(t)));
            }
        }
        records.add(
                deserializer.decode(
                        Topics.F1_TELEMETRY,
                        0,
                        offset,
                        null,
                        "garbage".getBytes(StandardCharsets.UTF_8)));
        return env.fromData(records, type)
                .assignTimestampsAndWatermarks(
                        KafkaSources.<Telemetry>watermarks(
                                Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @Test
    void producesLapsCallsAndAlertsFromTelemetry() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        PitwallWorkflow.Outputs out =
                PitwallWorkflow.define(
                        input(env, 100_000),
                        PitwallSettings.defaults(Set.of(LEC, HAM))
                                .withProvisional(
                                        PitwallSettings.Provisional.LAPS_CALLS_AND_ALERTS));

        DataStream<Object> all =
                out.laps()
                        .map(l -> (Object) l, TypeInformation.of(Object.class))
                        .union(
                                out.outlook()
                                        .map(d -> (Object) d, TypeInformation.of(Object.class)),
                                out.decisions()
                                        .map(d -> (Object) d, TypeInformation.of(Object.class)),
                                out.alerts().map(a -> (Object) a, TypeInformation.of(Object.class)),
                                out.deadLetters()
                                        .map(d -> (Object) d, TypeInformation.of(Object.class)),
                                out.provisionalLaps()
                                        .map(
                                                l ->
                                                        (Object)
                                                                ("provisional "
                                                                        + l.car
                                                                        + "/"
                                                                        + l.lap
                                                                        + " "
                                                                        + l.lapTimeMs),
                                                TypeInformation.of(Object.class)),
                                out.provisionalDecisions()
                                        .map(
                                                d ->
                                                        (Object)
                                                                ("provisional call "
                                                                        + d.car
                                                                        + " "
                                                                        + d.call
                                                                        + "@"
                                                                        + d.lap),
                                                TypeInformation.of(Object.class)),
                                out.provisionalAlerts()
                                        .map(
                                                a ->
                                                        (Object)
                                                                ("provisional alert "
                                                                        + a.alertId
                                                                        + " "
                                                                        + a.car
                                                                        + " "
                                                                        + a.type
                                                                        + " "
                                                                        + a.status),
                                                TypeInformation.of(Object.class)));
        List<Object> results = new ArrayList<>();
        try (CloseableIterator<Object> it = all.executeAndCollect()) {
            it.forEachRemaining(results::add);
        }

        List<LapSummary> laps =
                results.stream()
                        .filter(LapSummary.class::isInstance)
                        .map(LapSummary.class::cast)
                        .sorted(
                                Comparator.comparingInt((LapSummary l) -> l.car)
                                        .thenComparingInt(l -> l.lap))
                        .toList();
        assertThat(laps)
                .extracting(l -> l.car + "/" + l.lap)
                .containsExactly("16/1", "16/2", "16/3", "44/1", "44/2", "44/3");
        assertThat(laps).allSatisfy(l -> assertThat(l.lapTimeMs).isEqualTo(LAP_MS));
        // Each car's samples arrive in order here: the provisional laps are the final ones.
        assertThat(results)
                .filteredOn(r -> r instanceof String p && p.startsWith("provisional "))
                .filteredOn(r -> !((String) r).startsWith("provisional call "))
                .filteredOn(r -> !((String) r).startsWith("provisional alert "))
                .containsExactlyInAnyOrderElementsOf(
                        laps.stream()
                                .map(l -> "provisional " + l.car + "/" + l.lap + " " + l.lapTimeMs)
                                .toList());

        List<StintOutlook> outlooks =
                results.stream()
                        .filter(StintOutlook.class::isInstance)
                        .map(StintOutlook.class::cast)
                        .toList();
        assertThat(outlooks).hasSize(6).allSatisfy(d -> assertThat(d.trigger).isEqualTo("LAP"));
        // A three-lap race on one compound: the mandatory change is called once, on lap 2, and
        // withdrawn on the last lap, where a stop is too late.
        List<String> steps =
                results.stream()
                        .filter(StrategyDecision.class::isInstance)
                        .map(StrategyDecision.class::cast)
                        .sorted(
                                Comparator.comparingInt((StrategyDecision d) -> d.car)
                                        .thenComparingLong(d -> d.ts))
                        .map(d -> d.car + " " + d.call + "@" + d.lap)
                        .toList();
        assertThat(steps)
                .containsExactly(
                        "16 BOX_NOW@2", "16 WITHDRAWN@3", "44 BOX_NOW@2", "44 WITHDRAWN@3");
        // No car stops here, so the field's count cannot differ: the provisional calls, made as
        // the provisional laps arrive, are the final ones.
        assertThat(results)
                .filteredOn(r -> r instanceof String p && p.startsWith("provisional call "))
                .containsExactlyInAnyOrderElementsOf(
                        steps.stream().map(c -> "provisional call " + c).toList());

        List<Alert> alerts =
                results.stream().filter(Alert.class::isInstance).map(Alert.class::cast).toList();
        assertThat(alerts)
                .isNotEmpty()
                .allSatisfy(
                        a -> {
                            assertThat(a.car).isEqualTo(HAM);
                            assertThat(a.type).isEqualTo("ENGINE_OVERHEAT");
                        });
        assertThat(alerts).extracting(a -> a.status).contains("OPEN", "CLOSED");
        assertThat(alerts).extracting(a -> a.alertId).containsOnly(alerts.get(0).alertId);
        // The same overheating, matched as Hamilton's samples arrive, under the alert's id.
        assertThat(results)
                .filteredOn(r -> r instanceof String p && p.startsWith("provisional alert "))
                .isNotEmpty()
                .allMatch(p -> ((String) p).endsWith(" " + HAM + " ENGINE_OVERHEAT PROVISIONAL"))
                .first()
                .isEqualTo(
                        "provisional alert "
                                + alerts.get(0).alertId
                                + " "
                                + HAM
                                + " ENGINE_OVERHEAT PROVISIONAL");

        assertThat(results)
                .filteredOn(r -> r instanceof dev.streamwall.common.records.DeadLetter)
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(((dev.streamwall.common.records.DeadLetter) d).reason)
                                        .isEqualTo("NOT_JSON"));
    }
}
