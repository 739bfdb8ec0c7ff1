package dev.streamwall.common.records;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A record the job could not use, with the reason and the raw payload, as written to the {@code
 * dead_letters} table and the dead-letter topic.
 *
 * <p>Whatever arrived, a dead letter can always be stored and sent: the payload kept is at most
 * {@link #MAX_PAYLOAD_BYTES} (with the original size and its SHA-256, to find the whole record in
 * the source topic), as text when it is UTF-8 without NUL characters and as base64 otherwise
 * (PostgreSQL {@code text} holds neither NUL nor invalid UTF-8); the detail and the key are
 * shortened to {@link #MAX_TEXT_CHARS} and NUL characters shown as {@code \0}. A dead-letter record
 * on Kafka stays far below the producer's 1 MB limit.
 */
public class DeadLetter implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The most of a payload kept. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** The longest detail or key kept. */
    public static final int MAX_TEXT_CHARS = 2_000;

    /** {@link #payloadEncoding} of a payload kept as text. */
    public static final String UTF8 = "utf8";

    /** {@link #payloadEncoding} of a payload kept as base64 (not UTF-8, or with NUL bytes). */
    public static final String BASE64 = "base64";

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

    /** The payload's first {@link #MAX_PAYLOAD_BYTES}, as {@link #payloadEncoding} says. */
    public String payload;

    /** {@link #UTF8} or {@link #BASE64}; null when there was no payload (a tombstone). */
    public String payloadEncoding;

    /** The payload's size as received, in bytes; -1 when there was none. */
    public int payloadSize = -1;

    /** SHA-256 of the whole payload as received, in hex; null when there was none. */
    public String payloadSha256;

    /** Wall-clock millis when the job rejected it. */
    public long rejectedAt;

    public DeadLetter() {}

    /** A letter for the record at {@code topic/partition/offset}, kept within the bounds above. */
    public static DeadLetter of(
            String job,
            String topic,
            int partition,
            long offset,
            String reason,
            String detail,
            byte[] key,
            byte[] payload) {
        DeadLetter d = new DeadLetter();
        d.id = topic + "/" + partition + "/" + offset;
        d.job = job;
        d.sourceTopic = topic;
        d.sourcePartition = partition;
        d.sourceOffset = offset;
        d.reason = reason;
        d.detail = text(detail);
        d.key = key == null ? null : text(new String(key, StandardCharsets.UTF_8));
        d.keepPayload(payload);
        d.rejectedAt = System.currentTimeMillis();
        return d;
    }

    /** Keeps {@code payload} within the bounds: text when it can be, base64 otherwise. */
    public void keepPayload(byte[] bytes) {
        if (bytes == null) {
            payload = null;
            payloadEncoding = null;
            payloadSize = -1;
            payloadSha256 = null;
            return;
        }
        payloadSize = bytes.length;
        payloadSha256 = sha256(bytes);
        int cut = Math.min(bytes.length, MAX_PAYLOAD_BYTES);
        if (cut < bytes.length) {
            // Do not split a UTF-8 sequence: back off over continuation bytes (10xxxxxx).
            int back = cut;
            while (back > cut - 4 && back > 0 && (bytes[back] & 0xC0) == 0x80) {
                back--;
            }
            cut = back;
        }
        byte[] kept = cut == bytes.length ? bytes : Arrays.copyOf(bytes, cut);
        String text = strictUtf8(kept);
        if (text != null && text.indexOf('\0') < 0) {
            payload = text;
            payloadEncoding = UTF8;
        } else {
            payload =
                    Base64.getEncoder()
                            .encodeToString(
                                    Arrays.copyOf(
                                            bytes, Math.min(bytes.length, MAX_PAYLOAD_BYTES)));
            payloadEncoding = BASE64;
        }
    }

    /** {@code s} with NUL characters shown as {@code \0}, at most {@link #MAX_TEXT_CHARS} long. */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        String clean = s.indexOf('\0') < 0 ? s : s.replace("\0", "\\0");
        if (clean.length() <= MAX_TEXT_CHARS) {
            return clean;
        }
        int cut = MAX_TEXT_CHARS;
        if (Character.isHighSurrogate(clean.charAt(cut - 1))) {
            cut--;
        }
        return clean.substring(0, cut) + "… (" + (clean.length() - cut) + " more characters)";
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "DeadLetter{" + id + " " + reason + ": " + detail + "}";
    }
}
