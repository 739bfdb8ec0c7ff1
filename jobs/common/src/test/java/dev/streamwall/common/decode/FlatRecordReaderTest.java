package dev.streamwall.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The fast reading takes plain records and gives way on everything else, so that decoding a payload
 * gives the same record, or the same rejection, as the checked steps: checked over a corpus of
 * records with every field replaced by values of every awkward kind.
 */
class FlatRecordReaderTest {

    /** A record with a field of every kind the fast reading sets, and one it leaves alone. */
    public static class Sample {
        public long ts;
        public int car;
        public short gear;
        public double speed;
        public float ratio;
        public boolean drs;
        public String driver;
        public Integer position;
        public Long lapStart;
        public Double gapAhead;
        public List<String> flags;
        @JsonIgnore public long receivedAt;
    }

    static final class SampleDecoder extends JsonRecordDecoder<Sample> {
        SampleDecoder() {
            super(
                    Sample.class,
                    JsonRecordDecoder.requiredFields(Sample.class, "driver"),
                    s -> {
                        if (s.speed > 400) {
                            throw new RejectedRecordException(
                                    RejectReason.OUT_OF_RANGE, "speed " + s.speed);
                        }
                    });
        }

        @Override
        public long eventTime(Sample s) {
            return s.ts;
        }
    }

    private static final String BASE =
            "{\"ts\":1780000000123,\"car\":44,\"gear\":7,\"speed\":301.25,\"ratio\":0.1,"
                    + "\"drs\":true,\"driver\":\"HAM\",\"position\":3,\"lap_start\":1780000000000,"
                    + "\"gap_ahead\":1.5}";

    private static final String[] FIELDS = {
        "ts", "car", "gear", "speed", "ratio", "drs", "driver", "position", "lap_start", "gap_ahead"
    };

    private static final String[] VALUES = {
        "0",
        "-1",
        "7",
        "3.0",
        "-0.0",
        "1e2",
        "1E-7",
        "0.30000000000000004",
        "123456789.123456789",
        "2147483648",
        "-2147483649",
        "40000",
        "9223372036854775808",
        "1e400",
        "3.5e38",
        "3.5e39",
        "NaN",
        "Infinity",
        "-Infinity",
        "\"12\"",
        "\"NaN\"",
        "\"HAM\"",
        "\"\"",
        "\"P\\u00e9rez 🏎\"",
        "\"nul\\u0000byte\"",
        "\"" + "x".repeat(1_001) + "\"",
        "true",
        "false",
        "null",
        "{}",
        "[]",
        "[\"a\"]",
        "{\"a\":1}",
        "401",
        // Rounds one way parsed as a float, another parsed as a double then narrowed.
        "1.00000017881393432617187499"
    };

    private static List<String> corpus() {
        List<String> corpus = new ArrayList<>();
        corpus.add(BASE);
        corpus.add("  " + BASE + "\n");
        corpus.add(BASE + " {}");
        corpus.add(BASE + "x");
        corpus.add(BASE.substring(0, 60));
        corpus.add("[" + BASE + "]");
        corpus.add("{}");
        corpus.add("");
        corpus.add("null");
        corpus.add(BASE.replace("}", ",\"extra\":1}"));
        corpus.add(reversed(BASE));
        corpus.add(BASE.replace("}", ",\"flags\":[\"x\",\"y\"]}"));
        corpus.add(BASE.replace("}", ",\"received_at\":5}"));
        corpus.add(BASE.replace("}", ",\"speed\":12.5}"));
        corpus.add(BASE.replace("}", ",\"speed\":\"12.5\"}"));
        corpus.add(BASE.replace("\"speed\":301.25,", "\"speed\":\"x\",") + "");
        for (String field : FIELDS) {
            String current = "\"" + field + "\":";
            int start = BASE.indexOf(current) + current.length();
            int end = start;
            while (BASE.charAt(end) != ',' && BASE.charAt(end) != '}') {
                end++;
            }
            // Without the field, and with each awkward value in its place.
            String without =
                    BASE.substring(0, BASE.indexOf(current))
                            + BASE.substring(BASE.charAt(end) == ',' ? end + 1 : end);
            corpus.add(without.replace(",}", "}"));
            for (String v : VALUES) {
                corpus.add(BASE.substring(0, start) + v + BASE.substring(end));
            }
        }
        return corpus;
    }

    /** What decoding gave: the record as JSON, or the rejection's reason and message. */
    private static String outcome(Decoding d, byte[] payload) {
        try {
            Sample s = d.decode(payload);
            return "record " + Json.toString(s) + " ratio=" + Float.floatToIntBits(s.ratio);
        } catch (RejectedRecordException e) {
            return "rejected " + e.reason() + ": " + e.getMessage();
        }
    }

    @FunctionalInterface
    private interface Decoding {
        Sample decode(byte[] payload) throws RejectedRecordException;
    }

    @Test
    void decodingGivesWhatTheCheckedStepsGiveForEveryPayload() {
        SampleDecoder decoder = new SampleDecoder();
        int fast = 0;
        List<String> corpus = corpus();
        for (String json : corpus) {
            byte[] payload = json.getBytes(StandardCharsets.UTF_8);
            assertThat(outcome(decoder::decode, payload))
                    .as("decoding %s", json)
                    .isEqualTo(outcome(decoder::decodeChecked, payload));
            if (decoder.fast().bind(payload) != null) {
                fast++;
            }
        }
        assertThat(corpus).hasSizeGreaterThan(300);
        assertThat(fast).as("plain records take the fast reading").isGreaterThan(40);
    }

    @Test
    void aPlainRecordIsReadFastAndWhole() {
        Sample s = new SampleDecoder().fast().bind(BASE.getBytes(StandardCharsets.UTF_8));
        assertThat(s).isNotNull();
        assertThat(s.ts).isEqualTo(1_780_000_000_123L);
        assertThat(s.gear).isEqualTo((short) 7);
        assertThat(s.ratio).isEqualTo(0.1f);
        assertThat(s.driver).isEqualTo("HAM");
        assertThat(s.lapStart).isEqualTo(1_780_000_000_000L);
        assertThat(Objects.requireNonNull(s.gapAhead)).isEqualTo(1.5);
        assertThat(s.flags).isNull();
    }

    /** The same fields, last first. */
    private static String reversed(String json) {
        List<String> members =
                new ArrayList<>(List.of(json.substring(1, json.length() - 1).split(",")));
        java.util.Collections.reverse(members);
        return "{" + String.join(",", members) + "}";
    }

    @Test
    void fieldsInAnotherOrderAreReadFastAndTheSame() {
        SampleDecoder decoder = new SampleDecoder();
        Sample inOrder = decoder.fast().bind(BASE.getBytes(StandardCharsets.UTF_8));
        Sample reversed = decoder.fast().bind(reversed(BASE).getBytes(StandardCharsets.UTF_8));
        assertThat(reversed).isNotNull().usingRecursiveComparison().isEqualTo(inOrder);
    }
}
