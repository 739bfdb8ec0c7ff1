package dev.streamwall.generators.wire;

/**
 * A record a simulation sends beside its sensor stream, such as ground truth or a fault label; the
 * value is sent as JSON.
 */
public record SideRecord(String topic, String key, Object value) {}
