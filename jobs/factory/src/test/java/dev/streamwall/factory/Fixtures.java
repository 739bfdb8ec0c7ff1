package dev.streamwall.factory;

import dev.streamwall.generators.factory.SensorReading;
import java.time.Duration;
import java.time.Instant;

/** Named times and record factories for the factory tests. */
public final class Fixtures {

    public static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    public static final long T0 = START.toEpochMilli();
    public static final Duration SECOND = Duration.ofSeconds(1);
    public static final String M1 = "M01";
    public static final String TEMP = "temp";
    public static final String VIBRATION = "vibration";
    public static final String PRESSURE = "pressure";

    private Fixtures() {}

    public static long at(Duration sinceStart) {
        return T0 + sinceStart.toMillis();
    }

    public static SensorReading reading(String machine, String sensor, Duration at, double value) {
        return new SensorReading(at(at), machine, sensor, value);
    }

    /** A healthy temperature around 70 °C with ±0.3 °C of deterministic wiggle. */
    public static double normalTemp(long second) {
        return 70 + 0.3 * Math.sin(second * 0.7) + 0.2 * Math.cos(second * 1.3);
    }
}
