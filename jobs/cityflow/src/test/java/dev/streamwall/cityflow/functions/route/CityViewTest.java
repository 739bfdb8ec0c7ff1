package dev.streamwall.cityflow.functions.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.functions.RoadGraphState;
import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.cityflow.workflow.CityflowSettings;
import dev.streamwall.generators.city.RoadRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The city view holds each minute's forecasts until the minute is complete, in either layout. */
class CityViewTest {

    private static final long MINUTE = 1_780_000_020L * 60_000L;

    private static CongestionForecast forecast(String road, long ts, double score) {
        CongestionForecast f = new CongestionForecast();
        f.ts = ts;
        f.road = road;
        f.score = score;
        f.now = 0.2;
        f.freeFlowKmh = 50;
        f.occupancy = 0.1;
        return f;
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, CongestionForecast, RoadRecord, RoadStatus>
            harness() throws Exception {
        CityflowSettings s = CityflowSettings.defaults();
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new CityView(
                        new Router(2, s.minEtaGainMin(), s.co2()),
                        s.rerouteThreshold(),
                        new RoadGraphState(Map.of())),
                f -> CityView.CITY,
                Types.STRING,
                RoadGraphState.DESCRIPTOR);
    }

    private static List<String> roads(List<RoadStatus> out) {
        List<String> roads = new ArrayList<>();
        out.forEach(r -> roads.add(r.road + "@" + r.ts));
        return roads;
    }

    @Test
    void aMinuteIsReportedOnceTheWatermarkHasPassedIt() throws Exception {
        try (var h = harness()) {
            h.processElement(forecast("B", MINUTE, 0.1), MINUTE);
            h.processElement(forecast("A", MINUTE, 0.1), MINUTE);
            h.processElement(forecast("A", MINUTE, 0.9), MINUTE); // a repeat keeps the first
            h.processElement(forecast("A", MINUTE + 60_000, 0.1), MINUTE + 60_000);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(new Watermark(MINUTE - 1));
            h.processBroadcastWatermark(new Watermark(MINUTE - 1));
            assertThat(roads(h.extractOutputValues()))
                    .containsExactly("A@" + MINUTE, "B@" + MINUTE);
            assertThat(h.extractOutputValues().get(0).predicted).isEqualTo(0.1);
        }
    }

    @Test
    void forecastsHeldByAnEarlierVersionAreStillReported() throws Exception {
        try (var h = harness()) {
            // What an earlier version's savepoint holds: the minute's forecasts as one list.
            @SuppressWarnings("unchecked")
            CoBroadcastWithKeyedOperator<String, CongestionForecast, RoadRecord, RoadStatus> op =
                    (CoBroadcastWithKeyedOperator<
                                    String, CongestionForecast, RoadRecord, RoadStatus>)
                            h.getTwoInputOperator();
            op.setCurrentKey(CityView.CITY);
            MapState<Long, List<CongestionForecast>> legacy =
                    op.getKeyedStateBackend()
                            .getPartitionedState(
                                    VoidNamespace.INSTANCE,
                                    VoidNamespaceSerializer.INSTANCE,
                                    new MapStateDescriptor<>(
                                            "pending-forecasts",
                                            Types.LONG,
                                            Types.LIST(
                                                    TypeInformation.of(CongestionForecast.class))));
            legacy.put(MINUTE, new ArrayList<>(List.of(forecast("OLD", MINUTE, 0.3))));

            h.processElement(forecast("NEW", MINUTE, 0.1), MINUTE);
            h.processWatermark(new Watermark(MINUTE - 1));
            h.processBroadcastWatermark(new Watermark(MINUTE - 1));

            assertThat(roads(h.extractOutputValues()))
                    .containsExactly("NEW@" + MINUTE, "OLD@" + MINUTE);
            op.setCurrentKey(CityView.CITY);
            assertThat(legacy.isEmpty()).as("drained").isTrue();
        }
    }
}
