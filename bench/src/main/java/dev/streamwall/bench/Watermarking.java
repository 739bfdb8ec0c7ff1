package dev.streamwall.bench;

import dev.streamwall.common.options.DurationConverter;
import java.time.Duration;

/**
 * How a run makes watermarks: how far behind the newest event time (event time), and how often
 * (wall clock; Spark moves its watermark once per micro-batch instead). Results wait for both.
 */
record Watermarking(Duration outOfOrderness, Duration interval) {

    /** The jobs' defaults: --out-of-orderness 2s, Flink's 200 ms watermark interval. */
    static final Watermarking DEFAULT =
            new Watermarking(Duration.ofSeconds(2), Duration.ofMillis(200));

    /** --out-of-orderness 250ms --watermark-interval 25ms. */
    static final Watermarking TIGHT =
            new Watermarking(Duration.ofMillis(250), Duration.ofMillis(25));

    /** {@code OUT_OF_ORDERNESS/INTERVAL}, e.g. {@code 250ms/25ms}. */
    static Watermarking parse(String text) {
        String[] parts = text.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "a watermarking is OUT_OF_ORDERNESS/INTERVAL, e.g. 250ms/25ms; got " + text);
        }
        return new Watermarking(
                DurationConverter.parse(parts[0].trim()), DurationConverter.parse(parts[1].trim()));
    }

    /** {@code 250ms/25ms}. */
    String label() {
        return outOfOrderness.toMillis() + "ms/" + interval.toMillis() + "ms";
    }
}
