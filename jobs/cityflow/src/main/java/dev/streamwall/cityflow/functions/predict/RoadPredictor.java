package dev.streamwall.cityflow.functions.predict;

import dev.streamwall.cityflow.functions.RoadGraphState;
import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.RoadMinute;
import dev.streamwall.generators.city.RoadRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by road: folds each minute of the road's readings into its {@link RoadModel} and emits the
 * forecast. Free-flow speed, capacity and length come from the broadcast road graph when it knows
 * the road.
 */
public class RoadPredictor
        extends KeyedBroadcastProcessFunction<String, RoadMinute, RoadRecord, CongestionForecast> {
    private static final long serialVersionUID = 1L;

    private final CongestionModel model;
    private final RoadGraphState graph;
    private transient ValueState<RoadModel> state;
    private transient Counter predictions;

    public RoadPredictor(CongestionModel model, RoadGraphState graph) {
        this.model = model;
        this.graph = graph;
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "road-model", TypeInformation.of(RoadModel.class)));
        predictions = getRuntimeContext().getMetricGroup().counter("predictions");
    }

    @Override
    public void processElement(
            RoadMinute minute, ReadOnlyContext ctx, Collector<CongestionForecast> out)
            throws Exception {
        RoadModel m = state.value();
        if (m == null) {
            m = model.create();
        }
        RoadRecord road = graph.road(ctx.getBroadcastState(RoadGraphState.DESCRIPTOR), minute.road);
        CongestionModel.RoadFacts facts =
                road == null
                        ? CongestionModel.RoadFacts.UNKNOWN
                        : new CongestionModel.RoadFacts(
                                road.freeFlowKmh, road.capacityVph, road.lengthM);
        CongestionForecast f = model.update(m, minute, facts);
        state.update(m);
        if (f != null) {
            f.receivedAt = minute.receivedAt;
            predictions.inc();
            out.collect(f);
        }
    }

    @Override
    public void processBroadcastElement(
            RoadRecord r, Context ctx, Collector<CongestionForecast> out) throws Exception {
        RoadGraphState.apply(ctx.getBroadcastState(RoadGraphState.DESCRIPTOR), r);
    }
}
