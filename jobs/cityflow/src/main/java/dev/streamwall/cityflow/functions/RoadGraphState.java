package dev.streamwall.cityflow.functions;

import dev.streamwall.generators.city.RoadRecord;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The road graph: the roads topic as read when the job was submitted (so the first readings are
 * checked against a complete graph), overlaid by every road record that arrives on the broadcast
 * stream since. Removals are kept as tombstones in the broadcast state so they override the initial
 * graph.
 */
public final class RoadGraphState implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, RoadRecord> DESCRIPTOR =
            new MapStateDescriptor<>(
                    "road-graph", Types.STRING, TypeInformation.of(RoadRecord.class));

    private final Map<String, RoadRecord> initial;

    public RoadGraphState(Map<String, RoadRecord> initial) {
        this.initial = new LinkedHashMap<>(initial);
    }

    public static RoadGraphState empty() {
        return new RoadGraphState(Map.of());
    }

    /** Applies one record of the roads topic: the latest version of a road wins. */
    public static void apply(BroadcastState<String, RoadRecord> graph, RoadRecord r)
            throws Exception {
        RoadRecord known = graph.get(r.road);
        if (known == null || known.ts <= r.ts) {
            graph.put(r.road, r);
        }
    }

    /** The road, or null when the graph does not have it (or it was removed). */
    public RoadRecord road(ReadOnlyBroadcastState<String, RoadRecord> updates, String id)
            throws Exception {
        RoadRecord r = updates.get(id);
        if (r == null) {
            r = initial.get(id);
        }
        return r == null || r.removed ? null : r;
    }

    /** Every road of the graph, by id. */
    public Map<String, RoadRecord> roads(ReadOnlyBroadcastState<String, RoadRecord> updates)
            throws Exception {
        Map<String, RoadRecord> all = new LinkedHashMap<>(initial);
        for (Map.Entry<String, RoadRecord> e : updates.immutableEntries()) {
            all.put(e.getKey(), e.getValue());
        }
        all.values().removeIf(r -> r.removed);
        return Collections.unmodifiableMap(all);
    }

    /** Whether the job has a graph at all (a recording replayed without one runs without). */
    public boolean known(ReadOnlyBroadcastState<String, RoadRecord> updates) throws Exception {
        return !initial.isEmpty() || updates.immutableEntries().iterator().hasNext();
    }
}
