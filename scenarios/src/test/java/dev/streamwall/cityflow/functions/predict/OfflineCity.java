package dev.streamwall.cityflow.functions.predict;

import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.RoadMinute;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.city.Road;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadTruth;
import dev.streamwall.generators.wire.SideRecord;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated city run through the congestion model without Flink: readings averaged per road and
 * minute exactly as the job's window does, every forecast kept, and the truth beside it.
 */
final class OfflineCity {
    final List<CongestionForecast> forecasts = new ArrayList<>();
    final Map<String, Map<Long, RoadTruth>> truth = new HashMap<>();

    static OfflineCity run(CityConfig config) {
        OfflineCity city = new OfflineCity();
        CongestionModel model = new CongestionModel(30, ZoneOffset.UTC);
        Map<String, RoadModel> models = new HashMap<>();
        Map<String, double[]> sums = new HashMap<>();
        CitySimulator sim = new CitySimulator(config, "truth", null);
        long minute = Long.MIN_VALUE;
        while (sim.hasNext()) {
            RoadReading r = sim.next();
            long m = Math.floorDiv(r.ts, 60_000L) * 60_000L + 60_000L;
            if (m != minute && minute != Long.MIN_VALUE) {
                city.close(minute, sums, models, model, config);
                sums.clear();
            }
            minute = m;
            double[] s = sums.computeIfAbsent(r.road, k -> new double[4]);
            s[0] += r.speed;
            s[1] += r.flow;
            s[2] += r.occupancy;
            s[3]++;
            for (SideRecord side : sim.pollSideRecords()) {
                RoadTruth t = (RoadTruth) side.value();
                city.truth.computeIfAbsent(t.road(), k -> new HashMap<>()).put(t.ts(), t);
            }
        }
        city.close(minute, sums, models, model, config);
        return city;
    }

    private void close(
            long minute,
            Map<String, double[]> sums,
            Map<String, RoadModel> models,
            CongestionModel model,
            CityConfig config) {
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            Road road = config.network().road(e.getKey());
            RoadModel m = models.computeIfAbsent(e.getKey(), k -> model.create());
            CongestionForecast f =
                    model.update(
                            m,
                            new RoadMinute(
                                    e.getKey(),
                                    minute,
                                    s[0] / s[3],
                                    s[1] / s[3],
                                    s[2] / s[3],
                                    (int) s[3]),
                            new CongestionModel.RoadFacts(
                                    road.freeFlowKmh(), road.capacityVph(), road.lengthM()));
            forecasts.add(f);
        }
    }

    /** Mean absolute errors at the horizon: model, seed baseline, persistence; and how many. */
    double[] errors() {
        double model = 0, baseline = 0, persistence = 0;
        int n = 0;
        for (CongestionForecast f : forecasts) {
            RoadTruth t = truth.getOrDefault(f.road, Map.of()).get(f.targetTs());
            if (t == null) {
                continue;
            }
            model += Math.abs(f.score - t.congestion());
            baseline += Math.abs(f.baseline - t.congestion());
            persistence += Math.abs(f.now - t.congestion());
            n++;
        }
        return new double[] {model / n, baseline / n, persistence / n, n};
    }
}
