package dev.streamwall.bench;

import dev.streamwall.common.options.DurationConverter;
import java.time.Duration;

/**
 * How a run makes watermarks: how far behind the newest event time (event time), how often (wall
 * clock; Spark moves its watermark once per micro-batch instead), and after how long without
 * records a Kafka partition stops holding Flink's watermark back (wall clock; Spark's watermark
 * follows the newest event of any partition). Results wait for the first two; for the third when
 * every car of a partition has stopped sending.
 */
record Watermarking(Duration outOfOrderness, Duration interval, Duration idleness) {

    /** The jobs' --idleness default. */
    static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(5);

    /** The jobs' defaults: --out-of-orderness 2s, Flink's 200 ms watermark interval. */
    static final Watermarking DEFAULT =
            new Watermarking(Duration.ofSeconds(2), Duration.ofMillis(200), DEFAULT_IDLENESS);

    /** --out-of-orderness 250ms --watermark-interval 25ms. */
    static final Watermarking TIGHT =
            new Watermarking(Duration.ofMillis(250), Duration.ofMillis(25), DEFAULT_IDLENESS);

    /**
     * {@code OUT_OF_ORDERNESS/INTERVAL[/IDLENESS]}, e.g. {@code 250ms/25ms} or {@code
     * 250ms/25ms/500ms}.
     */
    static Watermarking parse(String text) {
        String[] parts = text.split("/");
        if (parts.length != 2 && parts.length != 3) {
            throw new IllegalArgumentException(
                    "a watermarking is OUT_OF_ORDERNESS/INTERVAL[/IDLENESS], e.g. 250ms/25ms; got "
                            + text);
        }
        return new Watermarking(
                DurationConverter.parse(parts[0].trim()),
                DurationConverter.parse(parts[1].trim()),
                parts.length == 3 ? DurationConverter.parse(parts[2].trim()) : DEFAULT_IDLENESS);
    }

    /** {@code 250ms/25ms}, and the idleness when not the default: {@code 250ms/25ms/500ms}. */
    String label() {
        return outOfOrderness.toMillis()
                + "ms/"
                + interval.toMillis()
                + "ms"
                + (idleness.equals(DEFAULT_IDLENESS) ? "" : "/" + idleness.toMillis() + "ms");
    }
}
