package dev.streamwall.common.decode;

/**
 * Thrown by decoders and validators: the record is unusable for {@link #reason()}, explained by the
 * message.
 */
public class RejectedRecordException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public RejectedRecordException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
