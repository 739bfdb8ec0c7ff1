package dev.streamwall.generators.wire;

import java.nio.charset.StandardCharsets;

/**
 * One serialised record as it goes to Kafka: key (the source id: car, sensor, machine), JSON bytes
 * and the event time of the sample it came from, tagged with the transport fault applied to it.
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
