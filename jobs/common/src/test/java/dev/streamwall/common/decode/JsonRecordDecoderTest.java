package dev.streamwall.common.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordDecoderTest {

    /** A small wire record. */
    public static class Reading {
        public long ts;
        public int sensor;
        public double value;
        public String unit;
        public Double gap;
    }

    static final class ReadingDecoder extends JsonRecordDecoder<Reading> {
        ReadingDecoder() {
            super(
                    Reading.class,
                    List.of("ts", "sensor", "value"),
                    r -> {
                        if (r.value < 0) {
                            throw new RejectedRecordException(
                                    RejectReason.OUT_OF_RANGE, "value " + r.value + " < 0");
                        }
                    });
        }

        @Override
        public long eventTime(Reading r) {
            return r.ts;
        }
    }

    private final ReadingDecoder decoder = new ReadingDecoder();

    private Reading decode(String json) throws RejectedRecordException {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRejected(String json, String reason, String detailPart) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(RejectedRecordException.class)
                .satisfies(
                        e -> assertThat(((RejectedRecordException) e).reason()).isEqualTo(reason))
                .hasMessageContaining(detailPart);
    }

    @Test
    void decodesSnakeCaseJsonAndIgnoresUnknownFields() throws Exception {
        Reading r =
                decode(
                        "{\"ts\":1700000000000,\"sensor\":7,\"value\":1.5,\"unit\":\"psi\",\"extra\":true}");
        assertThat(r.ts).isEqualTo(1_700_000_000_000L);
        assertThat(r.sensor).isEqualTo(7);
        assertThat(r.value).isEqualTo(1.5);
        assertThat(r.unit).isEqualTo("psi");
    }

    @Test
    void namesEachKindOfBadRecord() {
        assertRejected("hello", RejectReason.NOT_JSON, "not JSON");
        assertRejected("{\"ts\":1,\"sensor\":7,\"val", RejectReason.TRUNCATED, "ends early");
        assertRejected("{\"ts\":1,\"sensor\":7,\"value\":tr", RejectReason.TRUNCATED, "ends early");
        assertRejected("{\"ts\":1,\"sensor\":7,\"value\":1.", RejectReason.TRUNCATED, "ends early");
        assertRejected("[1,2]", RejectReason.NOT_JSON, "expected a JSON object");
        // A valid record followed by anything: two records glued together, or a forged tail.
        assertRejected(
                "{\"ts\":1,\"sensor\":7,\"value\":2.0} {\"ts\":2}",
                RejectReason.NOT_JSON,
                "trailing data");
        assertRejected(
                "{\"ts\":1,\"sensor\":7,\"value\":2.0}garbage",
                RejectReason.NOT_JSON,
                "trailing data");
        assertRejected("{\"ts\":1,\"value\":2.0}", RejectReason.MISSING_FIELD, "'sensor'");
        assertRejected(
                "{\"ts\":1,\"sensor\":null,\"value\":2.0}", RejectReason.MISSING_FIELD, "'sensor'");
        assertRejected(
                "{\"ts\":1,\"sensor\":\"seven\",\"value\":2.0}",
                RejectReason.WRONG_TYPE,
                "'sensor'");
        assertRejected(
                "{\"ts\":1,\"sensor\":7,\"value\":\"2.0\"}", RejectReason.WRONG_TYPE, "'value'");
        assertRejected(
                "{\"ts\":1,\"sensor\":7,\"value\":NaN}",
                RejectReason.NOT_A_NUMBER,
                "'value' is NaN");
        assertRejected(
                "{\"ts\":1,\"sensor\":7,\"value\":-1}",
                RejectReason.OUT_OF_RANGE,
                "value -1.0 < 0");
        // Numbers sent as strings, even the ones Jackson would read as a double.
        assertRejected(
                "{\"ts\":1,\"sensor\":7,\"value\":2.0,\"gap\":\"NaN\"}",
                RejectReason.WRONG_TYPE,
                "'gap' must be a number");
        assertRejected(
                "{\"ts\":1,\"sensor\":7,\"value\":2.0,\"gap\":\"123.5\"}",
                RejectReason.WRONG_TYPE,
                "'gap'");
        // Texts PostgreSQL cannot store, or longer than any real one.
        assertRejected(
                "{\"ts\":1,\"sensor\":7,\"value\":2.0,\"unit\":\"p\\u0000si\"}",
                RejectReason.BAD_TEXT,
                "'unit' holds a NUL character");
        assertRejected(
                "{\"ts\":1,\"sensor\":7,\"value\":2.0,\"unit\":\"" + "x".repeat(5_000) + "\"}",
                RejectReason.BAD_TEXT,
                "5000 characters long");
        // Deep nesting is refused by the parser's limits, not a stack overflow.
        assertRejected(
                "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                RejectReason.NOT_JSON,
                "");
        assertThatThrownBy(() -> decoder.decode(null))
                .satisfies(
                        e ->
                                assertThat(((RejectedRecordException) e).reason())
                                        .isEqualTo(RejectReason.NOT_JSON));
        assertThatThrownBy(() -> decoder.decode(new byte[0]))
                .satisfies(
                        e ->
                                assertThat(((RejectedRecordException) e).reason())
                                        .isEqualTo(RejectReason.NOT_JSON))
                .hasMessageContaining("empty payload");
    }
}
