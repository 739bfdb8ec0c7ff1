package dev.streamwall.factory.functions;

import dev.streamwall.generators.factory.Sensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The values a sensor cannot report: a reading outside its limits is a broken record (dead-lettered
 * as OUT_OF_RANGE), not an anomaly. Limits are per sensor name; a name without its own limits takes
 * those of its kind when it is a spelling of a known one ({@code Temperature} those of {@code
 * temp}). The defaults reject only what no sensor of the kind can read in its unit: below absolute
 * zero (°C), a negative vibration RMS, a pressure below a perfect vacuum (bar); a user sets tighter
 * (or no) limits per sensor with {@code --sensor-limits}.
 */
public record SensorLimits(Map<String, Range> limits) implements Serializable {

    /** The default limits, in the option's syntax. */
    public static final String DEFAULTS = "temp=-273.15:,vibration=0:,pressure=-1.01325:";

    /** An inclusive range; either end may be infinite. */
    public record Range(double min, double max) implements Serializable {
        public boolean contains(double v) {
            return v >= min && v <= max;
        }

        @Override
        public String toString() {
            return "["
                    + (min == Double.NEGATIVE_INFINITY ? "" : fmt(min))
                    + ", "
                    + (max == Double.POSITIVE_INFINITY ? "" : fmt(max))
                    + "]";
        }

        private static String fmt(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15
                    ? Long.toString((long) v)
                    : Double.toString(v);
        }
    }

    public SensorLimits {
        limits = Map.copyOf(limits);
    }

    public static SensorLimits defaults() {
        return parse(DEFAULTS);
    }

    /**
     * {@code name=MIN:MAX,...} (either end may be empty: no limit on that side), or {@code none}.
     *
     * @throws IllegalArgumentException with one line naming the bad part
     */
    public static SensorLimits parse(String spec) {
        Map<String, Range> out = new LinkedHashMap<>();
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return new SensorLimits(out);
        }
        for (String part : s.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            int colon = p.indexOf(':', Math.max(eq, 0));
            if (eq <= 0 || colon < 0) {
                throw new IllegalArgumentException(
                        "--sensor-limits: '" + p + "' is not name=MIN:MAX (e.g. temp=-50:500)");
            }
            double min = bound(p, p.substring(eq + 1, colon), Double.NEGATIVE_INFINITY);
            double max = bound(p, p.substring(colon + 1), Double.POSITIVE_INFINITY);
            if (min > max) {
                throw new IllegalArgumentException(
                        "--sensor-limits: '" + p + "' has its minimum above its maximum");
            }
            out.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), new Range(min, max));
        }
        return new SensorLimits(out);
    }

    private static double bound(String part, String text, double none) {
        if (text.isBlank()) {
            return none;
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "--sensor-limits: '" + text.trim() + "' in '" + part + "' is not a number");
    }

    /** The limits of {@code sensor}, or null when it has none. */
    public Range of(String sensor) {
        String name = sensor.toLowerCase(Locale.ROOT);
        Range own = limits.get(name);
        if (own != null) {
            return own;
        }
        Sensor kind = Sensor.fromName(sensor);
        return kind == null ? null : limits.get(kind.wireName());
    }
}
