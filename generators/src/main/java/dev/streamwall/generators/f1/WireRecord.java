package dev.streamwall.generators.f1;

import java.nio.charset.StandardCharsets;

/**
 * One serialised record as it goes to Kafka: key (the car number), JSON bytes and the event time of
 * the sample it came from, tagged with the transport fault applied to it.
 */
public record WireRecord(String key, byte[] value, long ts, WireFault fault) {

    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WireRecord{key="
                + key
                + ", ts="
                + ts
                + ", fault="
                + fault
                + ", "
                + value.length
                + " bytes}";
    }
}
