package dev.streamwall.generators.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwall.wire.Json;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one kind of sensor record goes on the wire (key, event time, JSON) and how a broken copy of
 * it looks, so {@link TransportFaultInjector} can damage any stream the same way.
 *
 * @param <T> the record type
 */
public interface WireFormat<T> {

    /** The Kafka key: the source id (car, sensor, machine). */
    String key(T record);

    /** Event time, epoch ms. */
    long ts(T record);

    default byte[] toBytes(T record) {
        return Json.toBytes(record);
    }

    /** Numeric fields a {@link WireFault#NOT_A_NUMBER} record may carry as a bare {@code NaN}. */
    List<String> numericFields();

    /**
     * Turns the JSON of a valid record into a {@link WireFault#WRONG_TYPE}, {@link
     * WireFault#MISSING_FIELD}, {@link WireFault#OUT_OF_RANGE} or {@link WireFault#UNKNOWN_SOURCE}
     * record, in place.
     */
    void corrupt(WireFault kind, ObjectNode json, SplittableRandom rng);

    /**
     * The key a corrupted record goes out with; by default the original one. A format whose {@link
     * WireFault#UNKNOWN_SOURCE} record names another source returns that source's key.
     */
    default String keyOf(WireFault kind, ObjectNode corrupted, String originalKey) {
        return originalKey;
    }
}
