package dev.streamwall.scenarios.cityflow;

import dev.streamwall.generators.city.RoadTruth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mean absolute error of T+horizon congestion against the truth at the target minute, for the job's
 * prediction, the seed's formula and persistence (congestion now), over all forecasts and over
 * those whose road has an incident now or at the target.
 */
public record ForecastScore(Errors all, Errors incidents, long unmatched) {

    /** One forecast as scored: what was predicted, from which minute, for which road. */
    public record Forecast(
            String road, long ts, int horizonMin, double job, double baseline, double now) {
        long target() {
            return ts + horizonMin * 60_000L;
        }
    }

    /** Sums of absolute errors and their count. */
    public record Errors(long n, double job, double baseline, double persistence) {
        static Errors of(List<double[]> rows) {
            int n = rows.size();
            return n == 0
                    ? new Errors(0, Double.NaN, Double.NaN, Double.NaN)
                    : new Errors(n, sum(rows, 0) / n, sum(rows, 1) / n, sum(rows, 2) / n);
        }

        /**
         * Column {@code c} summed in ascending order: the same sum whatever order the forecasts
         * came in (from the database or from the graph in process), to the last bit.
         */
        private static double sum(List<double[]> rows, int c) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[c];
            }
            Arrays.sort(v);
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s;
        }
    }

    /** Scores every forecast whose target minute has a truth record. */
    public static ForecastScore score(
            List<Forecast> forecasts, Map<String, Map<Long, RoadTruth>> truth) {
        List<double[]> all = new ArrayList<>();
        List<double[]> incidents = new ArrayList<>();
        long unmatched = 0;
        for (Forecast f : forecasts) {
            Map<Long, RoadTruth> road = truth.getOrDefault(f.road(), Map.of());
            RoadTruth then = road.get(f.target());
            if (then == null) {
                unmatched++;
                continue;
            }
            double c = then.congestion();
            double[] e = {Math.abs(f.job() - c), Math.abs(f.baseline() - c), Math.abs(f.now() - c)};
            all.add(e);
            RoadTruth now = road.get(f.ts());
            if (then.incident() || (now != null && now.incident())) {
                incidents.add(e);
            }
        }
        return new ForecastScore(Errors.of(all), Errors.of(incidents), unmatched);
    }

    /** The figures as printed by {@code streamwall evaluate city}. */
    public List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(
                String.format(
                        Locale.ROOT,
                        "%-28s %10s %14s %12s %8s",
                        "T+30 congestion MAE",
                        "job",
                        "seed formula",
                        "persistence",
                        "n"));
        lines.add(row("all forecasts", all));
        lines.add(row("roads with an incident", incidents));
        return lines;
    }

    private static String row(String name, Errors e) {
        return String.format(
                Locale.ROOT,
                "%-28s %10.4f %14.4f %12.4f %,8d",
                name,
                e.job(),
                e.baseline(),
                e.persistence(),
                e.n());
    }
}
