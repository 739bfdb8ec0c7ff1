package dev.streamwall.generators.f1;

/**
 * The car faults the race generator can inject; each has a matching alert type in the pitwall job.
 */
public enum FaultType {
    BRAKE_OVERHEAT,
    SLOW_PUNCTURE,
    ENGINE_OVERHEAT,
    STUCK_SENSOR,
    SENSOR_DROPOUT
}
