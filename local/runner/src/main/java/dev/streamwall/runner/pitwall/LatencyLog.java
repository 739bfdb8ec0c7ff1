package dev.streamwall.runner.pitwall;

import dev.streamwall.embedded.PrometheusScrape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Collects the job's event-to-decision latency quantiles from successive scrapes of the Prometheus
 * reporter, keeping only the intervals in which calls were made (each scrape reports the interval
 * since the previous one).
 */
final class LatencyLog {
    static final String METRIC = "flink_taskmanager_job_task_operator_event_to_decision_latency_ms";

    private final List<Double> p50 = new ArrayList<>();
    private final List<Double> p99 = new ArrayList<>();
    private double lastCount;

    void record(String exposition) {
        double count = PrometheusScrape.total(exposition, METRIC + "_count");
        if (count > lastCount) {
            Map<String, Double> q = PrometheusScrape.maxBy(exposition, METRIC, "quantile");
            if (q.containsKey("0.5") && q.containsKey("0.99")) {
                p50.add(q.get("0.5"));
                p99.add(q.get("0.99"));
            }
        }
        lastCount = Math.max(lastCount, count);
    }

    int intervals() {
        return p50.size();
    }

    double medianP50() {
        List<Double> sorted = new ArrayList<>(p50);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    double maxP99() {
        return Collections.max(p99);
    }
}
