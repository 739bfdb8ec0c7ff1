package dev.streamwall.generators.factory;

/** What the plant simulator can inject; {@link #NOISE_SPIKE} is labelled but is not a fault. */
public enum FactoryFaultType {
    /** Vibration rising over about an hour, then the temperature, until the bearing fails. */
    BEARING_WEAR(true),
    /** A cooling failure: temperature climbs 20-30 °C within minutes and stays up. */
    OVERHEATING(true),
    /** Hydraulic pressure falling slowly (1.5-2.5 bar per hour) until the leak is fixed. */
    PRESSURE_LEAK(true),
    /** One sensor repeats exactly the same value. */
    STUCK_SENSOR(true),
    /** A one- or two-reading glitch that reverts at once: not a fault, must not alert. */
    NOISE_SPIKE(false);

    private final boolean fault;

    FactoryFaultType(boolean fault) {
        this.fault = fault;
    }

    /** Whether a detector should alert on it. */
    public boolean isFault() {
        return fault;
    }
}
