package dev.streamwall.cityflow.functions;

import dev.streamwall.generators.city.RoadRecord;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The road graph as broadcast state: every operator that needs it (the road check, the predictor,
 * the city view) gets every road record and keeps the same map, road id to its latest version.
 */
public final class RoadGraphState {

    public static final MapStateDescriptor<String, RoadRecord> DESCRIPTOR =
            new MapStateDescriptor<>(
                    "road-graph", Types.STRING, TypeInformation.of(RoadRecord.class));

    private RoadGraphState() {}

    /** Applies one record of the roads topic: a removal deletes the road, anything else upserts. */
    public static void apply(BroadcastState<String, RoadRecord> graph, RoadRecord r)
            throws Exception {
        if (r.removed) {
            graph.remove(r.road);
        } else {
            graph.put(r.road, r);
        }
    }
}
