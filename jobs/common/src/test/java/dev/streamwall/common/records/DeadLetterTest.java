package dev.streamwall.common.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static DeadLetter letter(String detail, byte[] key, byte[] payload) {
        return DeadLetter.of("pitwall", "f1.telemetry", 3, 42, "NOT_JSON", detail, key, payload);
    }

    private static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    @Test
    void aSmallTextPayloadIsKeptAsItCame() {
        DeadLetter d = letter("not JSON", "k".getBytes(), "hello".getBytes());
        assertThat(d.id).isEqualTo("f1.telemetry/3/42");
        assertThat(d.payload).isEqualTo("hello");
        assertThat(d.payloadEncoding).isEqualTo(DeadLetter.UTF8);
        assertThat(d.payloadSize).isEqualTo(5);
        assertThat(d.payloadSha256)
                .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @Test
    void bytesTextCannotHoldAreKeptAsBase64() {
        byte[] nul = "{\"car\":1\u0000}".getBytes(StandardCharsets.UTF_8);
        DeadLetter d = letter("not JSON", null, nul);
        assertThat(d.payloadEncoding).isEqualTo(DeadLetter.BASE64);
        assertThat(Base64.getDecoder().decode(d.payload)).isEqualTo(nul);

        byte[] latin1 = {'{', (byte) 0xE9, '}'};
        DeadLetter e = letter("not JSON", null, latin1);
        assertThat(e.payloadEncoding).isEqualTo(DeadLetter.BASE64);
        assertThat(Base64.getDecoder().decode(e.payload)).isEqualTo(latin1);
    }

    @Test
    void aHugePayloadIsCutToItsFirst64KiBWithItsSizeAndHash() throws Exception {
        byte[] quotes = repeat('"', 700 * 1024);
        DeadLetter d = letter("not JSON", null, quotes);
        assertThat(d.payload).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
        assertThat(d.payloadSize).isEqualTo(700 * 1024);
        // Escaped as JSON, the letter stays far below Kafka's 1 MB record limit.
        assertThat(Json.toBytes(d).length).isLessThan(200 * 1024);

        // The worst case for JSON escaping: control characters, six bytes each.
        DeadLetter controls = letter("x", null, repeat('\u0001', 900 * 1024));
        assertThat(Json.toBytes(controls).length).isLessThan(500 * 1024);
    }

    @Test
    void aCutNeverSplitsACharacter() {
        byte[] euros = "€".repeat(30_000).getBytes(StandardCharsets.UTF_8); // 3 bytes each
        DeadLetter d = letter("x", null, euros);
        assertThat(d.payloadEncoding).isEqualTo(DeadLetter.UTF8);
        assertThat(d.payload).matches("€+");
        assertThat(d.payload.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(DeadLetter.MAX_PAYLOAD_BYTES);
    }

    @Test
    void detailAndKeyHoldNoNulAndStayShort() {
        DeadLetter d = letter("bad \u0000 here" + "x".repeat(5_000), "a\u0000b".getBytes(), null);
        assertThat(d.detail).doesNotContain("\u0000").startsWith("bad \\0 here");
        assertThat(d.detail.length()).isLessThan(DeadLetter.MAX_TEXT_CHARS + 40);
        assertThat(d.key).isEqualTo("a\\0b");
        // A tombstone: no payload at all.
        assertThat(d.payload).isNull();
        assertThat(d.payloadEncoding).isNull();
        assertThat(d.payloadSize).isEqualTo(-1);
    }
}
