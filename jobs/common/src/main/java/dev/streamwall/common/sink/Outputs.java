package dev.streamwall.common.sink;

import dev.streamwall.common.options.JdbcSettings;
import dev.streamwall.common.options.KafkaClient;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Turns a job's declared {@link Output}s into sinks: idempotent JDBC upserts and JSON Kafka topics,
 * each with the uid it was declared with. Dead letters and late records get the uids {@code
 * <job>-sink-dead-letters-jdbc}, {@code <job>-sink-dead-letters-kafka} and {@code
 * <job>-sink-late-kafka}.
 */
public final class Outputs {

    /**
     * Where outputs go; a null {@code jdbc} leaves the tables out, a null {@code kafka} the topics.
     */
    public record Targets(JdbcSettings jdbc, KafkaClient kafka, DeliveryGuarantee guarantee) {}

    private Outputs() {}

    public static void attach(String job, Targets targets, List<Output<?>> outputs) {
        for (Output<?> output : outputs) {
            if (output.stream() != null) {
                attach(job, targets, output);
            }
        }
    }

    private static <T> void attach(String job, Targets t, Output<T> output) {
        // Java 17: no pattern matching in switch yet.
        if (output instanceof Output.ToTable<T> o) {
            if (t.jdbc() != null) {
                Table<T> table = o.table();
                o.stream()
                        .sinkTo(new JdbcUpsertSink<>(t.jdbc(), table.upsert(), table.binder()))
                        .uid(o.uid())
                        .name(table.name() + " → PostgreSQL");
            }
        } else if (output instanceof Output.ToTopic<T> o) {
            if (t.kafka() != null) {
                o.stream()
                        .sinkTo(
                                KafkaSinks.json(
                                        t.kafka(),
                                        o.topic(),
                                        o.key(),
                                        o.atOnce()
                                                ? DeliveryGuarantee.AT_LEAST_ONCE
                                                : t.guarantee(),
                                        job + "-" + o.what()))
                        .uid(o.uid())
                        .name(o.what() + " → Kafka");
            }
        } else if (output instanceof Output.DeadLetters o) {
            RejectedSinks.deadLetters(
                    o.stream(), job, t.jdbc(), t.kafka(), t.guarantee(), o.topic());
        } else if (output instanceof Output.Late<T> o) {
            if (t.kafka() != null) {
                RejectedSinks.late(
                        o.stream(), job, t.kafka(), t.guarantee(), o.topic(), o.key(), o.what());
            }
        }
    }
}
