package dev.streamwall.generators.f1;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One fault to inject; {@code car} null lets the seed choose a car.
 *
 * @param type the fault
 * @param car the car number, or null
 */
public record FaultSpec(FaultType type, Integer car) implements Serializable {
    public FaultSpec {
        Objects.requireNonNull(type, "fault type");
    }

    public static FaultSpec of(FaultType type) {
        return new FaultSpec(type, null);
    }

    public static FaultSpec of(FaultType type, int car) {
        return new FaultSpec(type, car);
    }

    /**
     * Parses {@code brake_overheat}, {@code brake-overheat}, {@code brake_overheat@16} or {@code
     * BRAKE_OVERHEAT:16} (case insensitive).
     */
    public static FaultSpec parse(String s) {
        String t = s.trim();
        Integer car = null;
        int at = Math.max(t.indexOf('@'), t.indexOf(':'));
        if (at >= 0) {
            try {
                car = Integer.parseInt(t.substring(at + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "fault '" + s + "': '" + t.substring(at + 1) + "' is not a car number");
            }
            t = t.substring(0, at).trim();
        }
        String name = t.toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return new FaultSpec(FaultType.valueOf(name), car);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown fault '"
                            + t
                            + "': use one of "
                            + List.of(FaultType.values()).toString().toLowerCase(Locale.ROOT));
        }
    }
}
