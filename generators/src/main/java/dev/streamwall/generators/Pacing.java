package dev.streamwall.generators;

import picocli.CommandLine.Option;

/**
 * How fast a command sends, the same for every {@code generate} and {@code replay} command (a
 * picocli mixin): {@code --speed} in event-time seconds per wall-clock second, {@code --rate} a cap
 * in records per second, {@code --max} a number of records to stop after.
 */
public final class Pacing {

    @Option(
            names = "--speed",
            defaultValue = "1",
            description =
                    "Event-time seconds per wall-clock second; 0 sends as fast as possible"
                            + " (default: ${DEFAULT-VALUE}, real time).")
    public double speed;

    @Option(
            names = "--rate",
            defaultValue = "0",
            description =
                    "At most this many records per second; 0 for no cap (default: ${DEFAULT-VALUE}).")
    public double rate;

    @Option(
            names = "--max",
            defaultValue = "0",
            description =
                    "Stop after this many records; 0 sends them all (default: ${DEFAULT-VALUE}).")
    public long max;

    /** The pace in words, for the line a command prints when it starts. */
    public String describe() {
        String s = speed == 0 ? "as fast as possible" : speed + "x real time";
        if (rate > 0) {
            s += ", at most " + (long) rate + " records/s";
        }
        if (max > 0) {
            s += ", stop after " + max + " records";
        }
        return s;
    }
}
