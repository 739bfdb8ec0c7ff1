package dev.streamwall.common.kafka;

import dev.streamwall.common.records.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The counters of an operator that splits good records from dead letters: {@code events_in}, and
 * {@code dead_letters} labelled by {@code reason}.
 */
public final class DeadLetterMetrics {
    private final MetricGroup group;
    private final Counter eventsIn;
    private final Map<String, Counter> byReason = new HashMap<>();

    public DeadLetterMetrics(MetricGroup group) {
        this.group = group;
        this.eventsIn = group.counter("events_in");
    }

    public void accepted() {
        eventsIn.inc();
    }

    /** Counts a dead letter under its reason and returns it. */
    public DeadLetter rejected(DeadLetter letter) {
        byReason.computeIfAbsent(
                        letter.reason, r -> group.addGroup("reason", r).counter("dead_letters"))
                .inc();
        return letter;
    }
}
