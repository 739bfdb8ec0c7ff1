package dev.streamwall.common.kafka;

import dev.streamwall.common.records.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits decoded records into the main stream and the dead-letter side output, counting both:
 * {@code events_in} and {@code dead_letters} labelled by {@code reason}.
 */
public class DeadLetterSplitter<T> extends ProcessFunction<Decoded<T>, T> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter eventsIn;
    private transient MetricGroup deadLetterGroup;
    private transient Map<String, Counter> deadLettersByReason;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup();
        eventsIn = group.counter("events_in");
        deadLetterGroup = group;
        deadLettersByReason = new HashMap<>();
    }

    @Override
    public void processElement(Decoded<T> record, Context ctx, Collector<T> out) {
        if (record.value != null) {
            eventsIn.inc();
            out.collect(record.value);
        } else {
            DeadLetter letter = record.deadLetter;
            deadLettersByReason
                    .computeIfAbsent(
                            letter.reason,
                            r -> deadLetterGroup.addGroup("reason", r).counter("dead_letters"))
                    .inc();
            ctx.output(DEAD_LETTERS, letter);
        }
    }
}
