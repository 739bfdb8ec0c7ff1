package dev.streamwall.common.decode;

/**
 * The reasons a record is dead-lettered; jobs may add their own codes (for example UNKNOWN_CAR).
 */
public final class RejectReason {
    public static final String NOT_JSON = "NOT_JSON";
    public static final String TRUNCATED = "TRUNCATED";
    public static final String WRONG_TYPE = "WRONG_TYPE";
    public static final String MISSING_FIELD = "MISSING_FIELD";
    public static final String NOT_A_NUMBER = "NOT_A_NUMBER";
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";

    /** A text field with a NUL character or longer than any real one. */
    public static final String BAD_TEXT = "BAD_TEXT";

    private RejectReason() {}
}
