package dev.streamwall.common.sink;

import dev.streamwall.common.options.JdbcSettings;
import dev.streamwall.common.options.KafkaClient;
import dev.streamwall.common.records.DeadLetter;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The sinks every job has for what it could not use: dead letters into the shared {@code
 * dead_letters} table and the job's dead-letter topic, late records into the job's late topic.
 * Their uids are {@code <job>-sink-dead-letters-jdbc}, {@code <job>-sink-dead-letters-kafka} and
 * {@code <job>-sink-late-kafka}.
 */
public final class RejectedSinks {

    private RejectedSinks() {}

    /** Dead letters to PostgreSQL (when {@code jdbc} is set) and Kafka (when {@code kafka} is). */
    public static void deadLetters(
            DataStream<DeadLetter> letters,
            String job,
            JdbcSettings jdbc,
            KafkaClient kafka,
            DeliveryGuarantee guarantee,
            String topic) {
        if (jdbc != null) {
            letters.sinkTo(
                            new JdbcUpsertSink<>(
                                    jdbc,
                                    SqlRows.DEAD_LETTERS.upsert(),
                                    SqlRows.DEAD_LETTERS.binder()))
                    .uid(job + "-sink-dead-letters-jdbc")
                    .name("dead_letters → PostgreSQL");
        }
        if (kafka != null) {
            letters.sinkTo(
                            KafkaSinks.<DeadLetter>json(
                                    kafka, topic, d -> d.id, guarantee, job + "-dead-letters"))
                    .uid(job + "-sink-dead-letters-kafka")
                    .name("dead letters → Kafka");
        }
    }

    /** Late records, as received, to the job's late topic. */
    public static <T> void late(
            DataStream<T> late,
            String job,
            KafkaClient kafka,
            DeliveryGuarantee guarantee,
            String topic,
            SerializableFunction<T, String> key,
            String what) {
        late.sinkTo(KafkaSinks.json(kafka, topic, key, guarantee, job + "-late"))
                .uid(job + "-sink-late-kafka")
                .name("late " + what + " → Kafka");
    }
}
