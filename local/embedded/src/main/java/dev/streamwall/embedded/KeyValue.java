package dev.streamwall.embedded;

/**
 * A record to produce: a string key (may be null) and a string value (may be null, a tombstone).
 */
public record KeyValue(String key, String value) {

    public static KeyValue of(String key, String value) {
        return new KeyValue(key, value);
    }
}
