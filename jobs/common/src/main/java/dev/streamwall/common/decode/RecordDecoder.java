package dev.streamwall.common.decode;

import java.io.Serializable;

/** Turns one Kafka payload into a valid event, or says why it cannot. */
public interface RecordDecoder<T> extends Serializable {

    T decode(byte[] payload) throws RejectedRecordException;

    /** The event time of a decoded record, in epoch millis. */
    long eventTime(T record);

    /** Stamps the wall-clock time the job read the record, for latency metrics. */
    default void markReceived(T record, long wallClockMillis) {}
}
