package dev.streamwall.generators.f1;

import java.util.stream.Stream;

/** Indexes of the simulated sensor channels in a car's value arrays, and their JSON names. */
final class Channels {

    static final int SPEED = 0;
    static final int THROTTLE = 1;

    /** First of four corners: front left, front right, rear left, rear right. */
    static final int TYRE_TEMP = 2;

    static final int TYRE_PRESSURE = 6;
    static final int BRAKE_TEMP = 10;
    static final int ENGINE = 14;
    static final int COUNT = 15;

    /** Channel names as they appear in the JSON, indexed like the constants above. */
    static final String[] NAMES =
            Stream.concat(Stream.of("speed", "throttle"), Telemetry.SENSOR_CHANNELS.stream())
                    .toArray(String[]::new);

    private Channels() {}
}
