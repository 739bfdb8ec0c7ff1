package dev.streamwall.common.kafka;

import dev.streamwall.common.records.DeadLetter;

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

    public static <T> Decoded<T> rejected(DeadLetter letter) {
        Decoded<T> d = new Decoded<>();
        d.deadLetter = letter;
        d.eventTime = Long.MIN_VALUE;
        return d;
    }
}
