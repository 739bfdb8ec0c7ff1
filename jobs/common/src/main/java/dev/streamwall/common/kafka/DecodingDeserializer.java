package dev.streamwall.common.kafka;

import dev.streamwall.common.decode.RecordDecoder;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.common.time.EventTimeGuard;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Kafka deserializer that never throws: every record becomes a decoded event or a dead letter. */
public class DecodingDeserializer<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    /** The reason of a record whose event time lies implausibly far ahead of its partition. */
    public static final String FUTURE_TIMESTAMP = "FUTURE_TIMESTAMP";

    private final String job;
    private final RecordDecoder<T> decoder;
    private final TypeInformation<Decoded<T>> producedType;
    private final EventTimeGuard guard;

    /** A deserializer without an event-time guard: for tests and inputs of reference data. */
    public DecodingDeserializer(
            String job, RecordDecoder<T> decoder, TypeInformation<Decoded<T>> producedType) {
        this(job, decoder, producedType, Duration.ZERO);
    }

    /**
     * A deserializer that dead-letters records more than {@code maxFutureSkew} ahead of their
     * partition ({@link EventTimeGuard}); zero turns the guard off.
     */
    public DecodingDeserializer(
            String job,
            RecordDecoder<T> decoder,
            TypeInformation<Decoded<T>> producedType,
            Duration maxFutureSkew) {
        this.job = job;
        this.decoder = decoder;
        this.producedType = producedType;
        this.guard = new EventTimeGuard(maxFutureSkew);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
        out.collect(
                decode(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        record.value()));
    }

    /** Decodes one payload; visible for tests and for sources other than Kafka. */
    public Decoded<T> decode(String topic, int partition, long offset, byte[] key, byte[] value) {
        try {
            T event = decoder.decode(value);
            long eventTime = decoder.eventTime(event);
            if (!guard.accept(topic, partition, eventTime)) {
                return Decoded.rejected(
                        letter(
                                topic,
                                partition,
                                offset,
                                key,
                                value,
                                FUTURE_TIMESTAMP,
                                "event time "
                                        + Instant.ofEpochMilli(eventTime)
                                        + " is more than the allowed skew (--max-future-skew)"
                                        + " ahead of its partition, whose records reach "
                                        + Instant.ofEpochMilli(guard.limit(topic, partition))
                                        + " at most; it would have made the records after it"
                                        + " late"));
            }
            decoder.markReceived(event, System.currentTimeMillis());
            Decoded<T> decoded = Decoded.of(event, eventTime);
            decoded.source = topic + "/" + partition + "/" + offset;
            return decoded;
        } catch (RejectedRecordException e) {
            return Decoded.rejected(
                    letter(topic, partition, offset, key, value, e.reason(), e.getMessage()));
        } catch (RuntimeException e) {
            // A decoder bug must not take the job down: the record is kept with the error
            // for a person.
            return Decoded.rejected(
                    letter(topic, partition, offset, key, value, "DECODER_ERROR", e.toString()));
        }
    }

    private DeadLetter letter(
            String topic,
            int partition,
            long offset,
            byte[] key,
            byte[] value,
            String reason,
            String detail) {
        return DeadLetter.of(job, topic, partition, offset, reason, detail, key, value);
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return producedType;
    }
}
