package dev.streamwall.cityflow.functions.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.functions.RoadGraphState;
import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.Reroute;
import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.generators.city.RoadRecord;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The city view on Flink's operator harness: minutes complete on the watermark, graph updates. */
class CityViewTest {

    private static final long MINUTE = 1_772_522_400_000L;

    private static KeyedBroadcastOperatorTestHarness<
                    String, CongestionForecast, RoadRecord, RoadStatus>
            harness() throws Exception {
        KeySelector<CongestionForecast, String> city = f -> CityView.CITY;
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new CityView(
                        new Router(2, 0.5, EmissionFactor.DEFAULT), 0.5, RoadGraphState.empty()),
                city,
                org.apache.flink.api.common.typeinfo.Types.STRING,
                RoadGraphState.DESCRIPTOR);
    }

    private static CongestionForecast forecast(String road, long ts, double now, double score) {
        CongestionForecast f = new CongestionForecast();
        f.road = road;
        f.ts = ts;
        f.horizonMin = 30;
        f.now = now;
        f.score = score;
        f.freeFlowKmh = road.equals("R20") ? 60 : 50;
        f.occupancy = 0.1;
        return f;
    }

    private static void minute(
            KeyedBroadcastOperatorTestHarness<String, CongestionForecast, RoadRecord, RoadStatus> h,
            long ts,
            double r20Score)
            throws Exception {
        for (String road : RouterTest.defaultCity().keySet()) {
            double score = road.equals("R20") ? r20Score : 0.05;
            h.processElement(new StreamRecord<>(forecast(road, ts, score, score), ts - 1));
        }
    }

    @Test
    void reroutesFollowTheGraphAsItChangesWhileRunning() throws Exception {
        try (var h = harness()) {
            for (RoadRecord r : RouterTest.defaultCity().values()) {
                h.processBroadcastElement(new StreamRecord<>(r, 0));
            }
            h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            minute(h, MINUTE, 0.92);
            assertThat(h.getSideOutput(CityView.REROUTES))
                    .as("nothing before the watermark completes the minute")
                    .isNull();
            h.processWatermark(new Watermark(MINUTE - 1));
            List<Reroute> first = reroutes(h);
            assertThat(first).hasSize(2);
            String firstChoice = first.get(0).altRouteId;
            assertThat(h.extractOutputValues())
                    .as("every road's status for the minute")
                    .hasSize(52)
                    .filteredOn(s -> s.road.equals("R20"))
                    .singleElement()
                    .satisfies(
                            s ->
                                    assertThat(s.downstreamRatio)
                                            .isCloseTo(
                                                    0.95,
                                                    org.assertj.core.data.Offset.offset(1e-9)));

            // Works close the first road of the best alternative: it leaves the graph.
            String closed = firstChoice.split(">")[0];
            RoadRecord removal = new RoadRecord();
            removal.road = closed;
            removal.removed = true;
            removal.ts = 1;
            h.processBroadcastElement(new StreamRecord<>(removal, MINUTE));
            h.getSideOutput(CityView.REROUTES).clear();

            minute(h, MINUTE + 60_000, 0.92);
            h.processWatermark(new Watermark(MINUTE + 60_000 - 1));
            List<Reroute> second = reroutes(h);
            assertThat(second).isNotEmpty();
            assertThat(second)
                    .allSatisfy(r -> assertThat(r.altRouteId.split(">")).doesNotContain(closed));
            assertThat(second.get(0).ts).isEqualTo(MINUTE + 60_000);
        }
    }

    @Test
    void aRoadBelowTheThresholdGetsNoReroutesAndMinutesAheadOfTheWatermarkWait() throws Exception {
        try (var h = harness()) {
            for (RoadRecord r : RouterTest.defaultCity().values()) {
                h.processBroadcastElement(new StreamRecord<>(r, 0));
            }
            h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            minute(h, MINUTE, 0.3);
            minute(h, MINUTE + 60_000, 0.92);
            h.processWatermark(new Watermark(MINUTE - 1));
            assertThat(h.getSideOutput(CityView.REROUTES)).isNull();
            Map<Long, Long> statusesByMinute =
                    h.extractOutputValues().stream()
                            .collect(Collectors.groupingBy(s -> s.ts, Collectors.counting()));
            assertThat(statusesByMinute).containsOnly(Map.entry(MINUTE, 52L));
            h.processWatermark(new Watermark(MINUTE + 60_000 - 1));
            assertThat(reroutes(h))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.road).isEqualTo("R20"));
        }
    }

    private static List<Reroute> reroutes(
            KeyedBroadcastOperatorTestHarness<String, CongestionForecast, RoadRecord, RoadStatus>
                    h) {
        return h.getSideOutput(CityView.REROUTES).stream().map(StreamRecord::getValue).toList();
    }
}
