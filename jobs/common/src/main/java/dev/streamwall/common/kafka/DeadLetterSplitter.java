package dev.streamwall.common.kafka;

import dev.streamwall.common.records.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
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

    private transient DeadLetterMetrics metrics;

    @Override
    public void open(OpenContext openContext) {
        metrics = new DeadLetterMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(Decoded<T> record, Context ctx, Collector<T> out) {
        if (record.value != null) {
            metrics.accepted();
            out.collect(record.value);
        } else {
            ctx.output(DEAD_LETTERS, metrics.rejected(record.deadLetter));
        }
    }
}
