package dev.streamwall.common.sink;

import dev.streamwall.common.records.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableFunction;

/**
 * One output of a job, declared: a stream, where it goes, and the sink's uid. A job lists its
 * outputs and {@link Outputs#attach} turns the list into JDBC and Kafka sinks; a table is left out
 * when the job runs without a database, a topic when it runs without Kafka outputs, and an output
 * whose stream is null (not produced in this mode) altogether.
 */
public sealed interface Output<T> {

    DataStream<T> stream();

    /** Rows of a table, upserted. */
    record ToTable<T>(DataStream<T> stream, String uid, Table<T> table) implements Output<T> {}

    /**
     * JSON records on a topic, keyed by {@code key}; {@code what} names the sink ({@code laps →
     * Kafka}) and its transactional ids ({@code <job>-laps}) under exactly-once delivery. {@code
     * atOnce}: sent at least once whatever the job's delivery, so that consumers see each record as
     * it is made, not when a checkpoint commits it (for results that are provisional anyway).
     */
    record ToTopic<T>(
            DataStream<T> stream,
            String uid,
            String what,
            String topic,
            SerializableFunction<T, String> key,
            boolean atOnce)
            implements Output<T> {

        /** This output sent at least once whatever the job's delivery guarantee. */
        public ToTopic<T> sentAtOnce() {
            return new ToTopic<>(stream, uid, what, topic, key, true);
        }
    }

    /** The job's dead letters: the shared {@code dead_letters} table and the job's topic. */
    record DeadLetters(DataStream<DeadLetter> stream, String topic) implements Output<DeadLetter> {}

    /** Records that came behind the watermark, as received, to the job's late topic. */
    record Late<T>(
            DataStream<T> stream, String topic, SerializableFunction<T, String> key, String what)
            implements Output<T> {}

    static <T> Output<T> table(DataStream<T> stream, String uid, Table<T> table) {
        return new ToTable<>(stream, uid, table);
    }

    static <T> ToTopic<T> topic(
            DataStream<T> stream,
            String uid,
            String what,
            String topic,
            SerializableFunction<T, String> key) {
        return new ToTopic<>(stream, uid, what, topic, key, false);
    }

    static Output<DeadLetter> deadLetters(DataStream<DeadLetter> stream, String topic) {
        return new DeadLetters(stream, topic);
    }

    static <T> Output<T> late(
            DataStream<T> stream, String topic, SerializableFunction<T, String> key, String what) {
        return new Late<>(stream, topic, key, what);
    }
}
