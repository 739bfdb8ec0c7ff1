package dev.streamwall.common.kafka;

import dev.streamwall.common.decode.RecordDecoder;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.common.records.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Kafka deserializer that never throws: every record becomes a decoded event or a dead letter. */
public class DecodingDeserializer<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    private final String job;
    private final RecordDecoder<T> decoder;
    private final TypeInformation<Decoded<T>> producedType;

    public DecodingDeserializer(
            String job, RecordDecoder<T> decoder, TypeInformation<Decoded<T>> producedType) {
        this.job = job;
        this.decoder = decoder;
        this.producedType = producedType;
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
            decoder.markReceived(event, System.currentTimeMillis());
            Decoded<T> decoded = Decoded.of(event, decoder.eventTime(event));
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
        DeadLetter d = new DeadLetter();
        d.id = topic + "/" + partition + "/" + offset;
        d.job = job;
        d.sourceTopic = topic;
        d.sourcePartition = partition;
        d.sourceOffset = offset;
        d.reason = reason;
        d.detail = detail;
        d.key = key == null ? null : new String(key, StandardCharsets.UTF_8);
        d.payload = value == null ? null : new String(value, StandardCharsets.UTF_8);
        d.rejectedAt = System.currentTimeMillis();
        return d;
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return producedType;
    }
}
