package dev.streamwall.generators.f1;

/**
 * The values the race generator guarantees for clean cars and for each injected fault, so that
 * detectors and their tests can rely on one set of numbers.
 */
public final class FaultSignatures {

    /** A clean car's brake temperatures stay at or below this, °C. */
    public static final double NORMAL_BRAKE_MAX_C = 1000;

    /**
     * During a {@link FaultType#BRAKE_OVERHEAT} label window the corner stays at or above this, °C.
     */
    public static final double BRAKE_OVERHEAT_MIN_C = 1050;

    /** A clean car's engine temperature stays at or below this, °C. */
    public static final double NORMAL_ENGINE_MAX_C = 116;

    /**
     * An {@link FaultType#ENGINE_OVERHEAT} reaches at least this peak and holds it about a minute,
     * °C.
     */
    public static final double ENGINE_OVERHEAT_PEAK_MIN_C = 130;

    /** A clean car's hot tyre pressures stay at or above this, psi. */
    public static final double NORMAL_TYRE_PRESSURE_MIN_PSI = 20.0;

    /**
     * A {@link FaultType#SLOW_PUNCTURE} loses at least this much pressure before the car pits, psi.
     */
    public static final double PUNCTURE_MIN_DROP_PSI = 2.5;

    /**
     * A clean car's four tyre temperatures stay within this spread (max minus min) once the tyres
     * are up to temperature, °C.
     */
    public static final double NORMAL_TYRE_TEMP_SPREAD_MAX_C = 8;

    /**
     * By the end of a puncture window the punctured tyre runs at least this much above the others,
     * °C.
     */
    public static final double PUNCTURE_TYRE_TEMP_EXCESS_MIN_C = 10;

    /** A {@link FaultType#STUCK_SENSOR} repeats one value for at least this long, ms. */
    public static final long STUCK_MIN_MS = 30_000;

    /** A {@link FaultType#SENSOR_DROPOUT} silences the car for at least this long, ms. */
    public static final long DROPOUT_MIN_MS = 5_000;

    /** Ramps into and out of a brake-overheat window last at most this long, ms. */
    public static final long BRAKE_RAMP_MS = 3_000;

    private FaultSignatures() {}
}
