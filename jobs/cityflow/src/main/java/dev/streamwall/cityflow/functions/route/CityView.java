package dev.streamwall.cityflow.functions.route;

import dev.streamwall.cityflow.functions.RoadGraphState;
import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.Reroute;
import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.generators.city.RoadRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The whole city at the end of each minute: it keeps every road's latest forecast and, once the
 * watermark has passed a minute (all roads' forecasts for it are in), emits each road's status next
 * to its downstream neighbours' (for the incident rules) and the reroutes around every road
 * predicted above the threshold.
 *
 * <p>All forecasts go to one key, so this operator runs on one slot: a minute of a city of 10,000
 * roads is 10,000 small records and a few path searches, well within one core.
 */
public class CityView
        extends KeyedBroadcastProcessFunction<String, CongestionForecast, RoadRecord, RoadStatus> {
    private static final long serialVersionUID = 1L;

    public static final String CITY = "city";

    public static final OutputTag<Reroute> REROUTES = new OutputTag<>("reroutes") {};

    /** A road silent this long is left out of the city's picture. */
    private static final long FORGET_AFTER_MS = 10 * 60_000L;

    private final Router router;
    private final RoadGraphState graph;
    private final double rerouteThreshold;

    /** Forecasts waiting for their minute to complete, by {@code "<minute>/<road>"}. */
    private transient MapState<String, CongestionForecast> waiting;

    /**
     * Where earlier versions held them: a minute's forecasts as one list, read and written whole
     * for each forecast added (on RocksDB, n² forecasts serialised a minute). Still read, so that
     * state restored from their savepoints is applied when its minute's timer fires.
     */
    private transient MapState<Long, List<CongestionForecast>> pending;

    private transient MapState<String, CongestionForecast> latest;
    private transient MapState<String, Double> occupancyDelta;
    private transient Counter reroutes;

    public CityView(Router router, double rerouteThreshold, RoadGraphState graph) {
        this.router = router;
        this.graph = graph;
        this.rerouteThreshold = rerouteThreshold;
    }

    @Override
    public void open(OpenContext openContext) {
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-forecasts",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(CongestionForecast.class))));
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting-forecasts",
                                        Types.STRING,
                                        TypeInformation.of(CongestionForecast.class)));
        latest =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "latest-forecast",
                                        Types.STRING,
                                        TypeInformation.of(CongestionForecast.class)));
        occupancyDelta =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "occupancy-delta", Types.STRING, Types.DOUBLE));
        reroutes = getRuntimeContext().getMetricGroup().counter("reroutes");
    }

    @Override
    public void processElement(CongestionForecast f, ReadOnlyContext ctx, Collector<RoadStatus> out)
            throws Exception {
        // Minutes can arrive ahead of the watermark: hold each until its minute is complete. One
        // forecast a road and minute; a repeat (a replayed record) is the same forecast.
        String key = f.ts + "/" + f.road;
        if (!waiting.contains(key)) {
            waiting.put(key, f);
        }
        ctx.timerService().registerEventTimeTimer(f.ts - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RoadStatus> out)
            throws Exception {
        long minute = timestamp + 1;
        List<CongestionForecast> arrived = new ArrayList<>();
        List<CongestionForecast> earlier = pending.get(minute);
        if (earlier != null) {
            arrived.addAll(earlier);
            pending.remove(minute);
        }
        String prefix = minute + "/";
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, CongestionForecast> e : waiting.entries()) {
            if (e.getKey().startsWith(prefix)) {
                done.add(e.getKey());
                arrived.add(e.getValue());
            }
        }
        for (String key : done) {
            waiting.remove(key);
        }
        if (arrived.isEmpty()) {
            return;
        }
        for (CongestionForecast f : arrived) {
            CongestionForecast old = latest.get(f.road);
            if (old != null && old.ts >= f.ts) {
                continue;
            }
            occupancyDelta.put(
                    f.road,
                    old == null || old.ts < f.ts - 60_000L
                            ? Double.NaN
                            : f.occupancy - old.occupancy);
            latest.put(f.road, f);
        }
        Map<String, RoadRecord> roads =
                graph.roads(ctx.getBroadcastState(RoadGraphState.DESCRIPTOR));
        Map<String, CongestionForecast> now = new HashMap<>();
        List<String> forget = new ArrayList<>();
        for (Map.Entry<String, CongestionForecast> e : latest.entries()) {
            CongestionForecast f = e.getValue();
            if (f.ts < minute - FORGET_AFTER_MS) {
                forget.add(e.getKey());
            } else if (f.ts <= minute) {
                now.put(e.getKey(), f);
            }
        }
        for (String road : forget) {
            latest.remove(road);
            occupancyDelta.remove(road);
        }
        Map<String, Router.Drive> drives = new HashMap<>();
        for (CongestionForecast f : now.values()) {
            RoadRecord r = roads.get(f.road);
            if (r != null) {
                double kmh = Math.max(3, f.freeFlowKmh * (1 - f.score));
                drives.put(f.road, new Router.Drive(kmh, r.lengthM / 1000.0 / kmh * 60.0));
            }
        }
        Router.Snapshot snapshot = roads.isEmpty() ? null : new Router.Snapshot(roads, drives);
        List<String> order = new ArrayList<>(now.keySet());
        order.sort(null);
        for (String id : order) {
            CongestionForecast f = now.get(id);
            if (f.ts != minute) {
                continue;
            }
            RoadRecord road = roads.get(id);
            double downstream = Double.NaN;
            if (snapshot != null && road != null) {
                // The slowest road it feeds: a queue spilling back from a jam downstream is not
                // an incident on this road.
                for (RoadRecord d : snapshot.downstream(road)) {
                    CongestionForecast df = now.get(d.road);
                    if (df != null) {
                        double ratio = 1 - df.now;
                        downstream = Double.isNaN(downstream) ? ratio : Math.min(downstream, ratio);
                    }
                }
            }
            Double delta = occupancyDelta.get(id);
            out.collect(
                    new RoadStatus(
                            minute,
                            id,
                            1 - f.now,
                            f.occupancy,
                            delta == null ? Double.NaN : delta,
                            downstream,
                            f.score));
            if (snapshot != null && road != null && f.score > rerouteThreshold) {
                for (Reroute r : router.reroutes(snapshot, id, minute, f.score)) {
                    reroutes.inc();
                    ctx.output(REROUTES, r);
                }
            }
        }
    }

    @Override
    public void processBroadcastElement(RoadRecord r, Context ctx, Collector<RoadStatus> out)
            throws Exception {
        RoadGraphState.apply(ctx.getBroadcastState(RoadGraphState.DESCRIPTOR), r);
    }
}
