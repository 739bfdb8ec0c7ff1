package dev.streamwall.pitwall.records;

/**
 * What a pitwall alert reports. The names are the ones ground-truth labels use for the same car
 * faults ({@code f1.labels}), so a scorer can match alerts to labels by name.
 */
public enum AlertType {
    /** A brake corner above its temperature limit for several seconds. */
    BRAKE_OVERHEAT,
    /** A tyre losing pressure against its axle partner while running hotter. */
    SLOW_PUNCTURE,
    /** Engine temperature above its limit for several seconds. */
    ENGINE_OVERHEAT,
    /** An analog channel repeating exactly the same value. */
    STUCK_SENSOR,
    /** A car still racing that stopped sending telemetry. */
    SENSOR_DROPOUT
}
