package dev.streamwall.embedded;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record read back from a topic, with its headers decoded as UTF-8 (the last value wins when a
 * header name repeats).
 */
public record ConsumedRecord(
        String topic,
        int partition,
        long offset,
        long timestamp,
        String key,
        String value,
        Map<String, String> headers) {

    public ConsumedRecord {
        // Kept in record order; a header may carry a null value.
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The header's value, or {@code null} when the record has no such header. */
    public String header(String name) {
        return headers.get(name);
    }
}
