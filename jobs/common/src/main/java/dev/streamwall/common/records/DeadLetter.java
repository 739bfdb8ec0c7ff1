package dev.streamwall.common.records;

import java.io.Serializable;

/**
 * A record the job could not use, with the reason and the raw payload, as written to a dead-letter
 * topic.
 */
public class DeadLetter implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Deterministic: source topic, partition and offset, so a replay rewrites the same letter. */
    public String id;

    public String job;
    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;

    /**
     * A stable code such as {@code NOT_JSON} or {@code UNKNOWN_CAR}; metrics are labelled with it.
     */
    public String reason;

    /** What exactly was wrong, for a person. */
    public String detail;

    public String key;

    /** The payload as received (UTF-8; undecodable bytes are replaced). */
    public String payload;

    /** Wall-clock millis when the job rejected it. */
    public long rejectedAt;

    public DeadLetter() {}

    @Override
    public String toString() {
        return "DeadLetter{" + id + " " + reason + ": " + detail + "}";
    }
}
