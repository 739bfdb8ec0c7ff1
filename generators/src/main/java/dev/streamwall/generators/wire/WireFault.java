package dev.streamwall.generators.wire;

import java.util.List;

/** What happened to a record on its way to Kafka; {@link #NONE} for a clean record. */
public enum WireFault {
    NONE(false),
    /** Held back by up to half a second of event time. */
    OUT_OF_ORDER(false),
    /** Held back by at least 15 s of event time: behind the watermark when it arrives. */
    LATE(false),
    /** The second copy of a record, byte for byte. */
    DUPLICATE(false),
    /** Not JSON at all. */
    NOT_JSON(true),
    /** JSON cut off part way. */
    TRUNCATED(true),
    /** A field of the wrong JSON type, such as {@code "speed":"fast"}. */
    WRONG_TYPE(true),
    /** A required field such as the source id or {@code ts} is missing. */
    MISSING_FIELD(true),
    /** A number written as the bare token {@code NaN}. */
    NOT_A_NUMBER(true),
    /** A value no sensor can produce, such as a speed of 900 km/h or a negative pressure. */
    OUT_OF_RANGE(true),
    /**
     * A well-formed record from a source the job does not know (car 99, a sensor not on any road).
     */
    UNKNOWN_SOURCE(true);

    /** The malformed kinds, in declaration order. */
    public static final List<WireFault> MALFORMED =
            List.of(
                    NOT_JSON,
                    TRUNCATED,
                    WRONG_TYPE,
                    MISSING_FIELD,
                    NOT_A_NUMBER,
                    OUT_OF_RANGE,
                    UNKNOWN_SOURCE);

    private final boolean malformed;

    WireFault(boolean malformed) {
        this.malformed = malformed;
    }

    /** Whether a consumer must reject the record (dead letter) rather than process it. */
    public boolean malformed() {
        return malformed;
    }
}
