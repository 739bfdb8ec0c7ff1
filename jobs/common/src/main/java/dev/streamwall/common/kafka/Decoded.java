package dev.streamwall.common.kafka;

import dev.streamwall.common.records.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * What the Kafka source emits for each record: either a decoded event or the dead letter explaining
 * why it could not be decoded. Keeping both in one stream lets the source assign per-partition
 * watermarks from the events' own time.
 */
public class Decoded<T> {
    /** The decoded event, or null. */
    public T value;

    /** Why the record was rejected, or null. */
    public DeadLetter deadLetter;

    /**
     * Event time of {@link #value}; {@link Long#MIN_VALUE} for dead letters so they never move
     * watermarks.
     */
    public long eventTime;

    /**
     * Where the record came from, {@code topic/partition/offset}: what a dead letter raised later
     * (once the value is known to be unusable) is keyed by. Null for records from elsewhere.
     */
    public String source;

    public Decoded() {}

    public static <T> Decoded<T> of(T value, long eventTime) {
        Decoded<T> d = new Decoded<>();
        d.value = value;
        d.eventTime = eventTime;
        return d;
    }

    /**
     * {@code hinted} (the type Flink infers for {@code Decoded<T>}) with {@code valueType} for the
     * value: a record type with a serializer of its own keeps it between the source and the
     * decoding step (a network or local channel), instead of Flink's reflective POJO serializer.
     * Not kept in state, so not in savepoints.
     */
    @SuppressWarnings("unchecked")
    public static <T> TypeInformation<Decoded<T>> withValueType(
            TypeInformation<Decoded<T>> hinted, TypeInformation<T> valueType) {
        if (!(hinted instanceof PojoTypeInfo<?> pojo)) {
            return hinted;
        }
        List<PojoField> fields = new ArrayList<>();
        for (int i = 0; i < pojo.getArity(); i++) {
            PojoField f = pojo.getPojoFieldAt(i);
            fields.add(
                    f.getField().getName().equals("value")
                            ? new PojoField(f.getField(), valueType)
                            : f);
        }
        return new PojoTypeInfo<>((Class<Decoded<T>>) pojo.getTypeClass(), fields);
    }

    public static <T> Decoded<T> rejected(DeadLetter letter) {
        Decoded<T> d = new Decoded<>();
        d.deadLetter = letter;
        d.eventTime = Long.MIN_VALUE;
        return d;
    }
}
