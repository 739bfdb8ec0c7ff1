package dev.streamwall.generators.city;

import java.io.Serializable;
import java.time.Duration;

/**
 * A lane closure: from {@code startMs} (epoch) for {@code duration}, {@code lanesClosed} lanes of
 * {@code road} are shut (at least one stays open).
 */
public record Incident(String road, long startMs, Duration duration, int lanesClosed)
        implements Serializable {

    public boolean activeAt(long ts) {
        return ts >= startMs && ts < startMs + duration.toMillis();
    }

    /**
     * Parses {@code R12@30m} (a closure on R12 starting 30 simulated minutes in, lasting 40 min,
     * one lane), {@code R12@30m+25m} (lasting 25 min) or {@code R12@30m+25m/2} (two lanes closed; a
     * road always keeps one lane open).
     */
    public static Incident parse(String spec, long start) {
        String s = spec.trim();
        int at = s.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException(
                    "incident '" + s + "' should look like R12@30m or R12@30m+25m");
        }
        String road = s.substring(0, at);
        String rest = s.substring(at + 1);
        int lanes = 1;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            try {
                lanes = Integer.parseInt(rest.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                lanes = 0;
            }
            if (lanes < 1) {
                throw new IllegalArgumentException(
                        "incident '" + s + "': lanes closed after '/' must be a whole number >= 1");
            }
            rest = rest.substring(0, slash);
        }
        int plus = rest.indexOf('+');
        Duration offset = minutes(plus < 0 ? rest : rest.substring(0, plus), s);
        Duration length = plus < 0 ? Duration.ofMinutes(40) : minutes(rest.substring(plus + 1), s);
        return new Incident(road, start + offset.toMillis(), length, lanes);
    }

    private static Duration minutes(String text, String spec) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("h")) {
                return Duration.ofMinutes(
                        Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            }
            return Duration.ofMinutes(
                    Long.parseLong(t.endsWith("m") ? t.substring(0, t.length() - 1) : t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "incident '" + spec + "': '" + text + "' is not a time such as 30m or 1.5h");
        }
    }
}
